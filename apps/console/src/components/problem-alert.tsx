import { Alert } from 'antd';
import { type ApiProblem } from '../api/client';

/** A problem the API answered, shown where the page would have been. */
export function ProblemAlert({ problem }: { problem: ApiProblem | undefined }) {
  if (!problem) return null;
  return <Alert type="error" showIcon role="alert" title={problem.message} description={problem.code} />;
}
