import { useParams } from 'react-router-dom';
import { type CardView } from '../api/types';
import { ProblemAlert } from '../components/problem-alert';
import { useApi } from '../components/use-api';
import { useUnits } from '../components/use-units';
import {
  beijingDate,
  beijingDeadline,
  beijingTime,
  cardSubjectZh,
  clauseOf,
  COLOUR_ZH,
  systemTextZh,
} from '../format';
import { PrintBar } from './print-bar';

/** 亮牌督办通知: the card's current level, what the unit must deliver, by when, and the rule. */
export default function CardNotice() {
  const { id = '' } = useParams();
  const card = useApi<CardView>(`/cards/${id}`);
  const { nameOf } = useUnits();
  const view = card.data;
  const level = view?.levels[view.levels.length - 1];
  return (
    <>
      <PrintBar />
      <ProblemAlert problem={card.error} />
      {view && level && (
        <article className="notice-sheet" aria-label="亮牌督办通知">
          <div className="issuer">县食品安全委员会办公室</div>
          <div className="doc-no">亮牌〔{view.id}〕</div>
          <div className="red-rule" />
          <h1>{COLOUR_ZH[level.colour] ?? level.nameZh}督办通知</h1>
          <p>{nameOf(view.unitId)}：</p>
          <p>
            因{clauseOf(systemTextZh(view.reason))}
            {String(view.subject.type) !== 'manual' && `（督办对象：${cardSubjectZh(view.subject)}）`}
            ，现对你单位予以{level.nameZh}。请于 <strong>{beijingDeadline(level.dueAt)}（北京时间）</strong>{' '}
            前按要求报送。期限依据：{clauseOf(level.rule.zh)}。
          </p>
          {view.summons && <p>约谈时间：{beijingTime(view.summons.scheduledFor)}。</p>}
          <p>案件编号：{view.id}</p>
          <div className="signature">
            <div>县食品安全委员会办公室</div>
            <div>{beijingDate(level.reachedAt)}</div>
          </div>
        </article>
      )}
    </>
  );
}
