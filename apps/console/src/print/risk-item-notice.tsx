import { useParams } from 'react-router-dom';
import { type RiskItemView } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../components/use-api';
import { useUnits } from '../components/use-units';
import {
  beijingDate,
  beijingDeadline,
  clauseOf,
  GRADE_ZH,
  readableInstants,
  subjectIdentityZh,
} from '../format';
import { PrintBar } from './print-bar';

/** 督办通知书 for a risk item, laid out as an A4 official notice: case number, deadline and its rule. */
export default function RiskItemNotice() {
  const { id = '' } = useParams();
  const item = useApi<RiskItemView>(`/risk-items/${id}`);
  const { nameOf } = useUnits();
  const view = item.data;
  return (
    <>
      <PrintBar />
      <ProblemAlert problem={item.error} />
      {view && (
        <article className="notice-sheet" aria-label="督办通知书">
          <div className="issuer">县食品安全委员会办公室</div>
          <div className="doc-no">督办〔{view.id}〕</div>
          <div className="red-rule" />
          <h1>食品安全隐患督办通知书</h1>
          <p>{nameOf(view.responsibleUnitId ?? view.registeringUnitId)}：</p>
          <p>
            经查，{view.business.name}（{subjectIdentityZh(view.business)}，地址 {view.business.address}
            ）存在以下
            {GRADE_ZH[view.grade]}食品安全隐患：{clauseOf(view.description)}。
          </p>
          {view.deadline ? (
            <p>
              现挂账督办，请于 <strong>{beijingDeadline(view.deadline.dueAt)}（北京时间）</strong>{' '}
              前完成整改并报送整改情况及证据。期限依据：{clauseOf(readableInstants(view.deadline.rule.zh))}
              。逾期未完成的，将依规亮牌督办。
            </p>
          ) : (
            <p>
              现挂账督办，整改期限于交办后依隐患等级确定，请按期完成整改并报送整改情况及证据。逾期未完成的，将依规亮牌督办。
            </p>
          )}
          <p>案件编号：{view.id}</p>
          <div className="signature">
            <div>县食品安全委员会办公室</div>
            <div>{beijingDate(view.registeredAt)}</div>
          </div>
        </article>
      )}
    </>
  );
}
