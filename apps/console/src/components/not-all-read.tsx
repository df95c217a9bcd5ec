import { Alert } from 'antd';
import { type AllRows } from '../api/all-pages';

/**
 * Said when a list read whole stopped at its cap (ALL_ROWS_CAP): what the page counts and exports
 * covers only what was read.
 */
export function NotAllRead({ list }: { list: AllRows<unknown> | undefined }) {
  if (!list || list.complete) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`超过 ${list.items.length} 条，本页只读取、统计和导出了前 ${list.items.length} 条：请缩小筛选范围。`}
    />
  );
}
