import { describe, expect, it } from '@jest/globals';
import { actorZh, cardSubjectZh } from '../../../apps/console/src/format.js';

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

  it('names a person by role, login and unit; the public reporter and the clocks by what they are', () => {
    const unitName = (id: string) => ({ amr: '市场监管局' })[id] ?? id;
    expect(actorZh({ userId: 'handler.amr', role: 'handler', unitId: 'amr' }, unitName)).toBe(
      '经办人 handler.amr（市场监管局）',
    );
    expect(actorZh({ userId: 'reporter', role: 'reporter', unitId: 'public' }, unitName)).toBe('举报人');
    expect(actorZh({ userId: 'system', role: 'system', unitId: 'system' }, unitName)).toBe('系统（自动）');
  });
});
