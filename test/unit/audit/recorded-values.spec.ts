import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import {
  isEnglishTwin,
  NAMED_FIELDS,
  pathZh,
  recordedValueZh,
  type Reading,
} from '../../../apps/console/src/areas/audit/recorded-values.js';
import {
  chainVerdictZh,
  periodVerdictZh,
  replayVerdictZh,
} from '../../../apps/console/src/areas/audit/verdict-zh.js';
import { type StepMismatch } from '../../../libs/audit/src/domain/replay-comparison.js';
import { recordedRunOf, stepsWrittenBy } from '../../helpers/audit-fixtures.js';
import { HISTORY_FIXTURES_DIR } from '../../helpers/history-fixtures.js';

const card = {
  id: 'KP-2026-000001',
  status: 'open',
  unitId: 'amr',
  level: 1,
  levels: [
    { level: 0, colour: 'yellow', nameZh: '黄牌警示', rule: { en: '10 working days', zh: '10个工作日' } },
    { level: 1, colour: 'orange', nameZh: '橙牌督办', rule: { en: '5 working days', zh: '5个工作日' } },
  ],
};
const reading = (caseType: string, state: unknown = null): Reading => ({
  caseType,
  state,
  unitName: (id) => ({ amr: '县市场监管局' })[id] ?? id,
  personName: (id) => ({ 'handler.amr': '王明' })[id] ?? id,
});

describe('the audit page reads recorded values in Chinese', () => {
  it('names every field of every recorded case state (so no English key shows)', () => {
    const unnamed = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (typeof value !== 'object' || value === null) return;
      for (const [key, item] of Object.entries(value)) {
        // A text kept in both languages is shown by its Chinese.
        if (!['en', 'zh'].includes(key) && !NAMED_FIELDS.has(key)) unnamed.add(key);
        visit(item);
      }
    };
    for (const file of readdirSync(HISTORY_FIXTURES_DIR).filter((f) => f.endsWith('.json'))) {
      for (const step of stepsWrittenBy(recordedRunOf(file))) visit(step.stateAfter);
    }
    expect([...unnamed]).toEqual([]);
  });

  it('says a card’s status, level, unit and the unit’s response as its pages do', () => {
    const at = reading('card', card);
    expect(recordedValueZh('open', 'status', at)).toBe('督办中');
    expect(recordedValueZh('accountability-referred', 'status', at)).toBe('已移送问责');
    expect(recordedValueZh(0, 'level', at)).toBe('黄牌警示');
    expect(recordedValueZh(1, 'level', at)).toBe('橙牌督办');
    expect(recordedValueZh('amr', 'unitId', at)).toBe('县市场监管局');
    const response = {
      text: '书面整改方案',
      respondedBy: 'handler.amr',
      respondedAt: '2026-11-28T02:00:00.000Z',
      level: 0,
    };
    expect(recordedValueZh(response, 'responses[0]', at)).toBe(
      '内容: 书面整改方案\n回应人: 王明\n回应时间: 2026/11/28 10:00\n当前等级: 黄牌警示',
    );
    expect(recordedValueZh(card.levels[1], 'levels[1]', at)).toBe(
      '当前等级: 橙牌督办\n牌色: 橙牌\n名称: 橙牌督办\n规则: 5个工作日',
    );
  });

  it('says a referral’s status and a risk item’s deadline, responsible unit and person', () => {
    expect(recordedValueZh('lead-recorded', 'status', reading('referral'))).toBe('已登记线索');
    const item = reading('risk-item');
    expect(recordedValueZh('amr', 'responsibleUnitId', item)).toBe('县市场监管局');
    expect(recordedValueZh('handler.amr', 'responsibleUserId', item)).toBe('王明');
    const deadline = {
      dueAt: '2026-12-10T09:00:00.000Z',
      reminderAt: null,
      rule: { en: '10 working days', zh: '10个工作日' },
      policyVersion: 'risk-2026-1',
    };
    expect(recordedValueZh(deadline, 'deadline', item)).toBe(
      '截止时间: 2026/12/10 17:00\n提醒时间: —\n规则: 10个工作日\n政策版本: risk-2026-1',
    );
    expect(pathZh('risk-item', 'deadline.rule.zh')).toBe('整改期限 › 规则');
    expect(pathZh('report-request', 'deadline.reminderAt')).toBe('报送期限 › 提醒时间');
    expect(pathZh('risk-item', 'verifications[0].verifiedBy')).toBe('核查记录 第 1 项 › 核查人');
    expect([isEnglishTwin('deadline.rule.en'), isEnglishTwin('deadline.rule.zh')]).toEqual([true, false]);
  });
});

describe('the audit page says a verification’s outcome in Chinese, the API’s code beneath', () => {
  const verdict = (firstMismatch: StepMismatch | null, error: string | null = null) => ({
    reproduced: false,
    replayedSteps: 1,
    ledgerEntries: 2,
    finalStateMatches: false,
    firstMismatch,
    runs: [{ error }],
  });
  const mismatch = (
    kind: StepMismatch['kind'],
    ledgerAction: string | null,
    replayedAction: string | null,
  ) => ({
    sequence: 1,
    kind,
    ledgerAction,
    replayedAction,
    reason: 'the API’s words',
  });

  it('names the step that disagrees by its Chinese name, for each way it can', () => {
    expect(replayVerdictZh(verdict(mismatch('not-replayed', 'raise', null)), 'card')).toEqual({
      ok: false,
      title: '重放不一致：台账第 1 步（亮牌）现行代码重放时没有写出',
      code: 'not-replayed（the API’s words）',
    });
    const said = (m: StepMismatch) => replayVerdictZh(verdict(m), 'card').title;
    expect(said(mismatch('not-on-ledger', null, 'respond'))).toBe(
      '重放不一致：现行代码重放时写出了第 1 步（提交回应），台账上没有这一步',
    );
    expect(said(mismatch('different-action', 'lift', 'withdraw'))).toBe(
      '重放不一致：台账第 1 步是“摘牌”，现行代码重放为“撤销亮牌”',
    );
    expect(said(mismatch('different-state', 'escalate', 'escalate'))).toBe(
      '重放不一致：第 1 步（升级）之后的案件状态，现行代码算得与台账不同',
    );
    expect(said(mismatch('different-entry', 'raise', 'raise'))).toBe(
      '重放不一致：第 1 步（亮牌）的办理人、理由、时间或编号与台账记录不符',
    );
  });

  it('says a history that no longer replays, a final state that differs, and a verified replay', () => {
    expect(replayVerdictZh(verdict(null, 'nondeterministic: [TMPRL1100] …'), 'card')).toEqual({
      ok: false,
      title: '重放不一致：流程的记录历史不能在现行代码上重放（代码改变了流程的执行顺序）',
      code: 'nondeterministic: [TMPRL1100] …',
    });
    expect(replayVerdictZh(verdict(null), 'card').title).toBe('重放不一致：重放后的最终状态与台账不同');
    expect(
      replayVerdictZh(
        { ...verdict(null), reproduced: true, replayedSteps: 2, finalStateMatches: true },
        'card',
      ),
    ).toEqual({ ok: true, title: '重放一致：2 / 2 步', code: null });
    expect(
      chainVerdictZh({ intact: false, entries: 3, brokenAt: 2, reason: 'content does not match its hash' }),
    ).toEqual({
      ok: false,
      title: '台账在第 2 条断开：该条与哈希链不符，台账可能被改动',
      code: 'content does not match its hash',
    });
  });

  it('says a period’s verification: every chain intact, or each broken case with where it breaks', () => {
    expect(periodVerdictZh({ casesChecked: 12, intact: true, broken: [] }).summary).toEqual({
      ok: true,
      title: '时段内有步骤的 12 个案件，台账哈希链均完整',
      code: null,
    });
    const broken = periodVerdictZh({
      casesChecked: 12,
      intact: false,
      broken: [{ caseId: 'FX-2026-000007', brokenAt: 2, reason: 'content does not match its hash' }],
    });
    expect(broken.summary.title).toBe('时段内有步骤的 12 个案件中，1 个案件的台账哈希链断开');
    expect(broken.broken).toEqual([
      {
        caseId: 'FX-2026-000007',
        ok: false,
        title: '台账在第 2 条断开：该条与哈希链不符，台账可能被改动',
        code: 'content does not match its hash',
      },
    ]);
  });
});
