import { Spin } from 'antd';

export const Loading = () => (
  <div className="page-loading">
    <Spin aria-label="加载中" />
  </div>
);
