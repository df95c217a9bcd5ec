import { Alert, Typography } from 'antd';
import { type ApiProblem } from '../api/client';

/** A problem the API answered, shown where the page would have been; its code, small, is for support staff. */
export function ProblemAlert({ problem }: { problem: ApiProblem | undefined }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem.message}
      description={
        <Typography.Text type="secondary" className="problem-code">
          错误代码：{problem.code}
        </Typography.Text>
      }
    />
  );
}
