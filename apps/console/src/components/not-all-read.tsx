import { Alert } from 'antd';
import { type Page } from '../api/types';

/**
 * Said when a list read whole stopped at its cap (ALL_ROWS_CAP): what the page counts and exports
 * covers only what was read.
 */
export function NotAllRead({ list }: { list: Pick<Page<unknown>, 'items' | 'total'> | undefined }) {
  if (!list || list.total <= list.items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`共 ${list.total} 条，本页只读取、统计和导出了前 ${list.items.length} 条。`}
    />
  );
}
