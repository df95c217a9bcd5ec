import { Select, type TablePaginationConfig } from 'antd';
import { useState } from 'react';
import { type Query } from '../api/client';
import { type Page } from '../api/types';
import { useApi } from './use-api';

const PAGE_SIZE = 20;

/**
 * A list the API pages: the page shown, its table pagination, and `filter`, which wraps a filter's
 * setter so that changing it goes back to the first page.
 */
export function usePagedList<Item>(path: string, query: Query) {
  const [page, setPage] = useState(1);
  const list = useApi<Page<Item>>(path, { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const pagination: TablePaginationConfig = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    onChange: setPage,
    showSizeChanger: false,
    // How many the filters find; past the API's counting limit, at least that many.
    showTotal: (total) => `共 ${total} 条${list.data?.totalCapped ? '以上' : ''}`,
  };
  const filter =
    <Value,>(set: (value: Value) => void) =>
    (value: Value) => {
      set(value);
      setPage(1);
    };
  return { list, pagination, filter };
}

/** A filter over the values of a label map (value → Chinese label), named by its label. */
export function LabelSelect({
  label,
  labels,
  width,
  value,
  onChange,
  placeholder = label,
}: {
  label: string;
  labels: Record<string, string>;
  width: number;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      allowClear
      style={{ width }}
      value={value}
      onChange={onChange}
      options={Object.entries(labels).map(([key, text]) => ({ value: key, label: text }))}
    />
  );
}
