import { Space, Typography } from 'antd';
import { type ReactNode } from 'react';

/** A case's step buttons (only the steps the API allows the caller), or a line saying there are none. */
export function AllowedSteps({ count, children }: { count: number; children: ReactNode }) {
  return (
    <Space wrap style={{ marginTop: 16 }} aria-label="可办理的步骤">
      {children}
      {count === 0 && <Typography.Text type="secondary">当前没有可由您办理的步骤</Typography.Text>}
    </Space>
  );
}
