import { Alert, Typography } from 'antd';
import { type ApiProblem } from '../api/client';

/** Where in a read's address (its path or query) a problem sits, as the person knows it. */
const PLACE_ZH: Record<string, string> = {
  id: '编号',
  caseId: '案件编号',
  q: '搜索内容',
  from: '起始时间',
  to: '截止时间',
  at: '时点',
  year: '年度',
  period: '期间',
  status: '状态',
  kind: '类别',
  category: '类别',
  grade: '等级',
  unitId: '单位',
  overdue: '是否逾期',
  open: '是否未办结',
  sort: '排序',
  limit: '每页条数',
  offset: '起始位置',
};

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
        <>
          {/* A page has no field to put them under: what was wrong, each with its place. */}
          {problem.errors.length > 0 && (
            <ul className="problem-fields">
              {problem.errors.map(({ path, message }) => (
                <li key={`${path}:${message}`}>
                  {PLACE_ZH[path] ?? `查询条件 ${path}`}：{message}
                </li>
              ))}
            </ul>
          )}
          <Typography.Text type="secondary" className="problem-code">
            错误代码：{problem.code}
          </Typography.Text>
        </>
      }
    />
  );
}
