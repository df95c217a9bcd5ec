import { describe, expect, it } from '@jest/globals';
import { actorZh, cardSubjectZh, readableInstants } from '../../../apps/console/src/format.js';

describe("the console's words for a card's subject and a step's actor", () => {
  it('names a card subject by its type and case, and leaves out a manual card’s generated id', () => {
    expect(cardSubjectZh({ type: 'whistleblower-retaliation', id: 'TJ-2026-000001' })).toBe(
      '打击报复举报人 TJ-2026-000001',
    );
    expect(cardSubjectZh({ type: 'overdue-risk-item', id: 'FX-2026-000123' })).toBe(
      '隐患整改逾期 FX-2026-000123',
    );
    expect(cardSubjectZh({ type: 'manual', id: '93e3d298-0000-4000-8000-000000000000' })).toBe('人工亮牌');
  });

  it('names a person by role, display name and unit; the public reporter and the clocks by what they are', () => {
    const unitName = (id: string) => ({ amr: '市场监管局' })[id] ?? id;
    // The directory knows handler.amr; a name for `reporter` or `system` must never be looked up.
    const directory: Record<string, string> = { 'handler.amr': '王明', reporter: '某人', system: '某人' };
    const personName = (id: string) => directory[id] ?? id;
    expect(actorZh({ userId: 'handler.amr', role: 'handler', unitId: 'amr' }, unitName, personName)).toBe(
      '经办人 王明（市场监管局）',
    );
    // Someone the directory does not have (yet) is named by their id.
    expect(actorZh({ userId: 'head.amr', role: 'unit_head', unitId: 'amr' }, unitName, personName)).toBe(
      '单位负责人 head.amr（市场监管局）',
    );
    expect(actorZh({ userId: 'reporter', role: 'reporter', unitId: 'public' }, unitName, personName)).toBe(
      '举报人',
    );
    expect(actorZh({ userId: 'system', role: 'system', unitId: 'system' }, unitName, personName)).toBe(
      '系统（自动）',
    );
  });

  it('reads every instant in an engine text in Beijing time, and leaves the rest as written', () => {
    expect(readableInstants('由supervisor.fso重新确定期限：2026-12-20T17:00:00+08:00（企业申请延期）')).toBe(
      '由supervisor.fso重新确定期限：2026/12/20 17:00（企业申请延期）',
    );
    expect(readableInstants('自2026-12-03起5个工作日，截止于2026-12-10 24:00')).toBe(
      '自2026-12-03起5个工作日，截止于2026-12-10 24:00',
    );
    expect(readableInstants('从 2026-12-19T16:00:00.000Z 到 2026-12-20T09:00Z')).toBe(
      '从 2026/12/20 00:00 到 2026/12/20 17:00',
    );
  });
});
