import { Card, Typography } from 'antd';
import { type ReactNode } from 'react';
import { Link } from 'react-router-dom';

/** The public pages' frame: no menu, no account, links between the two pages and to the sign-in page. */
export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="public-page">
      <Card title={<Typography.Title level={4}>{title}</Typography.Title>}>
        {children}
        <nav aria-label="其他页面" className="public-links">
          <Link to="/public/report">举报投诉</Link>
          <Link to="/public/follow-up">查询办理进度</Link>
          <Link to="/sign-in">工作人员登录</Link>
        </nav>
      </Card>
    </main>
  );
}
