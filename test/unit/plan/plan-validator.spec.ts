import { describe, expect, it } from '@jest/globals';
import { seedUnits } from '../../../libs/plan/src/bundled-plan.js';
import { parsePlanSource, sha256Of, type PlanProblem } from '../../../libs/plan/src/plan-parser.js';

/** A small plan that passes every rule, to be spoiled one line at a time. */
const VALID = `campaign:
  nameZh: 测试攻坚行动
  nameEn: Test campaign
  documentNo: 测试〔2022〕1号
  issuedOn: 2022-07-07
  period: { from: 2022-07-07, to: 2024-12-31 }
  supervisingUnit: fso
units:
  - { id: fso, nameZh: 县政府食品安全委员会办公室 }
  - { id: amr, nameZh: 市场监管局 }
  - { id: police, nameZh: 公安局 }
  - { id: townships, nameZh: 各乡镇办事处, group: true }
actions:
  - number: 1
    nameZh: 行动一
    nameEn: Action one
    leadUnit: amr
    coUnits: [police, townships]
    indicators:
      - id: a1-shops
        nameZh: 达标店铺
        nameEn: Shops up to standard
        measure: percent
        comparator: ≥
        targets:
          - { yearEnd: 2022, value: 50 }
          - { yearEnd: 2024, value: 80 }
      - id: a1-satisfaction
        nameZh: 满意度
        nameEn: Satisfaction
        measure: percent
        comparator: '>='
        targets: [{ mode: keep, yearEnd: 2024, value: 80 }]
      - id: a1-workshops
        nameZh: 标杆小作坊
        nameEn: Benchmark workshops
        measure: count
        comparator: ≥
        targets: [{ due: 2023-12-31, value: 3, upTo: 5 }]
  - number: 2
    nameZh: 行动二
    nameEn: Action two
    leadUnit: police
    coUnits: []
deliverables:
  - id: special-plan
    titleZh: 专项方案
    titleEn: Special plan
    from: action-leads
    to: fso
    due: { date: 2022-07-15 }
  - id: summary
    titleZh: 年度工作总结
    titleEn: Annual summary
    from: [amr, police]
    to: fso
    due: { yearly: 11-20 }
`;

/** VALID with each `[from, to]` applied; `from` must occur exactly once, so a typo here fails loudly. */
function spoil(...edits: Array<[string, string]>): string {
  return edits.reduce((text, [from, to]) => {
    expect(text.split(from)).toHaveLength(2);
    return text.replace(from, to);
  }, VALID);
}

/** 1-based line of the only line containing `marker` in `text`. */
function lineOf(text: string, marker: string): number {
  const lines = text.split('\n').map((line, i) => ({ line, no: i + 1 }));
  const hits = lines.filter(({ line }) => line.includes(marker));
  expect(hits).toHaveLength(1);
  return hits[0].no;
}

function problemsOf(source: string): PlanProblem[] {
  const result = parsePlanSource(source, seedUnits());
  if (result.ok) throw new Error('expected the plan to be rejected');
  return result.problems;
}

describe('plan file validator: a valid file', () => {
  it('becomes the plan as data: comparators normalised, year-ends as dates, defaults filled in', () => {
    const result = parsePlanSource(VALID, seedUnits());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.sha256).toBe(sha256Of(VALID));
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { campaign, units, actions, deliverables } = result.plan;
    expect(campaign).toEqual({
      nameZh: '测试攻坚行动',
      nameEn: 'Test campaign',
      documentNo: '测试〔2022〕1号',
      issuedOn: '2022-07-07',
      period: { from: '2022-07-07', to: '2024-12-31' },
      supervisingUnit: 'fso',
    });
    expect(units).toContainEqual({ id: 'townships', nameZh: '各乡镇办事处', group: true });
    expect(units).toContainEqual({ id: 'amr', nameZh: '市场监管局' });
    expect(actions[0]).toMatchObject({ number: 1, leadUnit: 'amr', coUnits: ['police', 'townships'] });
    expect(actions[0].indicators).toEqual([
      {
        id: 'a1-shops',
        nameZh: '达标店铺',
        nameEn: 'Shops up to standard',
        measure: 'percent',
        comparator: '>=',
        targets: [
          { mode: 'reach', value: 50, due: '2022-12-31' },
          { mode: 'reach', value: 80, due: '2024-12-31' },
        ],
      },
      expect.objectContaining({
        comparator: '>=',
        targets: [{ mode: 'keep', value: 80, due: '2024-12-31' }],
      }),
      expect.objectContaining({
        measure: 'count',
        targets: [{ mode: 'reach', value: 3, upTo: 5, due: '2023-12-31' }],
      }),
    ]);
    expect(actions[1].indicators).toEqual([]);
    expect(deliverables).toEqual([
      {
        id: 'special-plan',
        titleZh: '专项方案',
        titleEn: 'Special plan',
        from: 'action-leads',
        to: 'fso',
        due: { date: '2022-07-15' },
      },
      {
        id: 'summary',
        titleZh: '年度工作总结',
        titleEn: 'Annual summary',
        from: ['amr', 'police'],
        to: 'fso',
        due: { yearly: '11-20' },
      },
    ]);
  });

  it('hashes the source text: a changed comment is a different version', () => {
    const a = parsePlanSource(VALID, seedUnits());
    const b = parsePlanSource(`# 第二版\n${VALID}`, seedUnits());
    expect(a.ok && b.ok && a.sha256 !== b.sha256).toBe(true);
  });
});

describe('plan file validator: bad input is rejected with its path and line', () => {
  it('a unit not declared under units', () => {
    const source = spoil(['coUnits: [police, townships]', 'coUnits: [police, polise]']);
    expect(problemsOf(source)).toEqual([
      {
        path: 'actions[0].coUnits[1]',
        message: 'unknown unit polise: not declared under units',
        line: lineOf(source, 'polise'),
        column: 23,
      },
    ]);
  });

  it('a declared unit that is not in the reference data, and one whose name differs from it', () => {
    const source = spoil(
      ['- { id: police, nameZh: 公安局 }', '- { id: polise, nameZh: 公安局 }'],
      ['leadUnit: police', 'leadUnit: polise'],
      ['- { id: amr, nameZh: 市场监管局 }', '- { id: amr, nameZh: 市场监督管理局 }'],
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'units[1].nameZh',
        message: 'unit amr is called 市场监管局 in the reference data',
        line: lineOf(source, '市场监督管理局'),
      }),
      expect.objectContaining({
        path: 'units[2].id',
        message: 'unknown unit polise: not in the reference data (declare groups with group: true)',
        line: lineOf(source, '- { id: polise'),
      }),
      expect.objectContaining({
        path: 'actions[0].coUnits[0]',
        message: 'unknown unit police: not declared under units',
        line: lineOf(source, 'coUnits: [police'),
      }),
      expect.objectContaining({
        path: 'deliverables[1].from[1]',
        message: 'unknown unit police: not declared under units',
        line: lineOf(source, 'from: [amr, police]'),
      }),
    ]);
  });

  it('a target year, a target date and a deliverable date outside the campaign period', () => {
    const source = spoil(
      ['{ yearEnd: 2024, value: 80 }', '{ yearEnd: 2025, value: 80 }'],
      ['{ due: 2023-12-31, value: 3, upTo: 5 }', '{ due: 2022-06-30, value: 3, upTo: 5 }'],
      ['due: { date: 2022-07-15 }', 'due: { date: 2025-01-15 }'],
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'actions[0].indicators[0].targets[1].yearEnd',
        message: '2025-12-31 is outside the campaign period 2022-07-07 to 2024-12-31',
        line: lineOf(source, 'yearEnd: 2025'),
      }),
      expect.objectContaining({
        path: 'actions[0].indicators[2].targets[0].due',
        message: '2022-06-30 is outside the campaign period 2022-07-07 to 2024-12-31',
        line: lineOf(source, '2022-06-30'),
      }),
      expect.objectContaining({
        path: 'deliverables[0].due.date',
        message: '2025-01-15 is outside the campaign period 2022-07-07 to 2024-12-31',
        line: lineOf(source, '2025-01-15'),
      }),
    ]);
  });

  it('a duplicate action number', () => {
    const source = spoil(['  - number: 2', '  - number: 1']);
    expect(problemsOf(source)).toEqual([
      {
        path: 'actions[1].number',
        message: 'duplicate action number 1: also actions[0]',
        line: lineOf(source, 'Action two') - 2,
        column: 13,
      },
    ]);
  });

  it('missing fields: the path names the field, the line is that of the object lacking it', () => {
    const source = spoil(['    leadUnit: amr\n', ''], ['  documentNo: 测试〔2022〕1号\n', '']);
    expect(problemsOf(source)).toEqual([
      { path: 'campaign.documentNo', message: 'documentNo is required', line: 2, column: 3 },
      {
        path: 'actions[0].leadUnit',
        message: 'leadUnit is required',
        line: lineOf(source, 'number: 1'),
        column: 5,
      },
    ]);
  });

  it('wrong types: a text where a number is due, a text where a list is due, a number where a text is due', () => {
    const source = spoil(
      ['number: 1', 'number: one'],
      ['coUnits: []', 'coUnits: police'],
      ['titleEn: Annual summary', 'titleEn: 2024'],
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'actions[0].number',
        message: 'number must be an integer number',
        line: lineOf(source, 'number: one'),
      }),
      expect.objectContaining({
        path: 'actions[1].coUnits',
        message: 'coUnits must be an array',
        line: lineOf(source, 'coUnits: police'),
      }),
      expect.objectContaining({
        path: 'deliverables[1].titleEn',
        message: 'titleEn must be a string',
        line: lineOf(source, 'titleEn: 2024'),
      }),
    ]);
  });

  it('a missing section and a section of the wrong kind', () => {
    const source = spoil(
      ['deliverables:', 'deliverables: none\nunused:'],
      ['units:\n', 'units: {}\nunits_:\n'],
    );
    expect(problemsOf(source).map((p) => [p.path, p.message])).toEqual([
      ['units', 'units must be an array'],
      ['units_', 'property units_ should not exist'],
      ['deliverables', 'deliverables must be an array'],
      ['unused', 'property unused should not exist'],
    ]);
    expect(problemsOf(VALID.slice(0, VALID.indexOf('units:')))).toEqual([
      { path: 'units', message: 'units is required', line: 1, column: 1 },
      { path: 'actions', message: 'actions is required', line: 1, column: 1 },
      { path: 'deliverables', message: 'deliverables is required', line: 1, column: 1 },
    ]);
  });

  it('values outside their domain: comparator, measure, mode, percentage, count, range, dates', () => {
    const source = spoil(
      [
        'comparator: ≥\n        targets:\n          - { yearEnd: 2022',
        'comparator: ≈\n        targets:\n          - { yearEnd: 2022',
      ],
      ['measure: count', 'measure: pieces'],
      ['mode: keep', 'mode: hold'],
      ['issuedOn: 2022-07-07', 'issuedOn: 7 July 2022'],
    );
    expect(problemsOf(source).map((p) => p.path)).toEqual([
      'campaign.issuedOn',
      'actions[0].indicators[0].comparator',
      'actions[0].indicators[1].targets[0].mode',
      'actions[0].indicators[2].measure',
    ]);
    const ruled = spoil(
      ['{ yearEnd: 2024, value: 80 }', '{ yearEnd: 2024, value: 180 }'],
      ['{ due: 2023-12-31, value: 3, upTo: 5 }', '{ due: 2023-12-31, value: 3.5, upTo: 2 }'],
      ['issuedOn: 2022-07-07', 'issuedOn: 2022-02-30'],
      ['due: { yearly: 11-20 }', 'due: { yearly: 02-30 }'],
    );
    expect(problemsOf(ruled)).toEqual([
      expect.objectContaining({
        path: 'campaign.issuedOn',
        message: '2022-02-30 is not a day of the calendar',
      }),
      expect.objectContaining({
        path: 'actions[0].indicators[0].targets[1].value',
        message: '180 is not a percentage between 0 and 100',
      }),
      expect.objectContaining({
        path: 'actions[0].indicators[2].targets[0].value',
        message: '3.5 is not a count (a whole number, 0 or more)',
      }),
      expect.objectContaining({
        path: 'actions[0].indicators[2].targets[0].upTo',
        message: 'the upper end 2 must be above the value 3.5',
      }),
      expect.objectContaining({
        path: 'deliverables[1].due.yearly',
        message: '02-30 is not a day of the year',
      }),
    ]);
  });

  it('a target needs exactly one of yearEnd and due; a deliverable exactly one of date and yearly', () => {
    const source = spoil(
      ['{ yearEnd: 2022, value: 50 }', '{ yearEnd: 2022, due: 2022-12-31, value: 50 }'],
      ['{ yearEnd: 2024, value: 80 }', '{ value: 80 }'],
      ['due: { yearly: 11-20 }', 'due: { yearly: 11-20, date: 2022-11-20 }'],
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'actions[0].indicators[0].targets[0]',
        message: 'give exactly one of yearEnd (a year) or due (a date)',
        line: lineOf(source, 'yearEnd: 2022, due'),
      }),
      expect.objectContaining({
        path: 'actions[0].indicators[0].targets[1]',
        line: lineOf(source, '{ value: 80 }'),
      }),
      expect.objectContaining({
        path: 'deliverables[1].due',
        message: 'give exactly one of date (yyyy-mm-dd) or yearly (mm-dd)',
      }),
    ]);
  });

  it('duplicates: unit declarations, indicator ids, deliverable ids; the lead repeated among co-units', () => {
    const source = spoil(
      ['  - { id: townships', '  - { id: amr, nameZh: 市场监管局 }\n  - { id: townships'],
      ['id: a1-satisfaction', 'id: a1-shops'],
      ['id: summary', 'id: special-plan'],
      ['coUnits: []', 'coUnits: [police]'],
    );
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({ path: 'units[3].id', message: 'unit amr is already declared at units[1]' }),
      expect.objectContaining({
        path: 'actions[0].indicators[1].id',
        message: 'duplicate indicator id a1-shops: also actions[0].indicators[0]',
      }),
      expect.objectContaining({
        path: 'actions[1].coUnits[0]',
        message: 'police is the lead unit; list it only once',
      }),
      expect.objectContaining({
        path: 'deliverables[1].id',
        message: 'duplicate deliverable id special-plan',
      }),
    ]);
  });

  it('units named by the campaign and the deliverables must be declared; a co-unit listed twice', () => {
    const source = spoil(
      ['supervisingUnit: fso', 'supervisingUnit: office'],
      ['coUnits: [police, townships]', 'coUnits: [police, townships, police]'],
      ['    to: fso\n    due: { yearly', '    to: county\n    due: { yearly'],
    );
    expect(problemsOf(source).map((p) => [p.path, p.message])).toEqual([
      ['campaign.supervisingUnit', 'unknown unit office: not declared under units'],
      ['actions[0].coUnits[2]', 'police is listed twice'],
      ['deliverables[1].to', 'unknown unit county: not declared under units'],
    ]);
  });

  it('a deliverable from someone other than the action leads or a list of units', () => {
    expect(problemsOf(spoil(['from: action-leads', 'from: everyone']))).toEqual([
      expect.objectContaining({
        path: 'deliverables[0].from',
        message: 'from must be "action-leads" or a non-empty list of unit ids',
      }),
    ]);
  });

  it('a period that ends before it starts', () => {
    const source = spoil([
      'period: { from: 2022-07-07, to: 2024-12-31 }',
      'period: { from: 2024-12-31, to: 2022-07-07 }',
    ]);
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'campaign.period',
        message: 'the period ends (2022-07-07) before it starts (2024-12-31)',
        line: lineOf(source, 'period:'),
      }),
    ]);
  });

  it('an unknown property, so that a misspelt key never goes unseen', () => {
    const source = spoil(['    leadUnit: police', '    leadUnit: police\n    leadunit: police']);
    expect(problemsOf(source)).toEqual([
      expect.objectContaining({
        path: 'actions[1].leadunit',
        message: 'property leadunit should not exist',
        line: lineOf(source, 'leadunit'),
      }),
    ]);
  });

  it('YAML that does not parse, with the line of the fault', () => {
    const source = spoil(['    leadUnit: police', '    leadUnit: police\n    leadUnit: cyber']);
    expect(problemsOf(source)).toEqual([
      { path: '', message: 'YAML: Map keys must be unique', line: lineOf(source, 'cyber'), column: 5 },
    ]);
    const unclosed = problemsOf(spoil(['coUnits: [police, townships]', 'coUnits: [police, townships']));
    expect(unclosed.length).toBeGreaterThan(0);
    expect(unclosed.every((p) => p.path === '' && p.message.startsWith('YAML: '))).toBe(true);
  });

  it('aliases that would expand past the YAML library’s limit (a billion-laughs file), as a problem, not a crash', () => {
    const levels = Array.from({ length: 9 }, (_, i) =>
      i === 0
        ? `a0: &a0 [${Array(10).fill('"x"').join(', ')}]`
        : `a${i}: &a${i} [${Array(10)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
    );
    expect(problemsOf(`${levels.join('\n')}\n`)).toEqual([
      { path: '', message: expect.stringMatching(/^YAML: .*alias/i), line: 1, column: 1 },
    ]);
  });

  it('a file that is not a mapping, and an empty file', () => {
    expect(problemsOf('- just\n- a list\n')).toEqual([
      { path: '', message: 'a plan file is a YAML mapping', line: 1, column: 1 },
    ]);
    expect(problemsOf('')).toEqual([
      { path: '', message: 'a plan file is a YAML mapping', line: 1, column: 1 },
    ]);
  });

  it('every problem at once, not just the first', () => {
    const source = spoil(
      ['leadUnit: amr', 'leadUnit: nobody'],
      ['  - number: 2', '  - number: 1'],
      ['{ yearEnd: 2022, value: 50 }', '{ yearEnd: 2021, value: 50 }'],
    );
    expect(problemsOf(source).map((p) => p.path)).toEqual([
      'actions[0].leadUnit',
      'actions[0].indicators[0].targets[0].yearEnd',
      'actions[1].number',
    ]);
  });
});

describe('plan file validator: the target model of decision 0018', () => {
  it("refuses the old spellings by name: the action key no (false in YAML 1.1) and comparator '='", () => {
    const source = spoil(['  - number: 2', '  - no: 2'], ["comparator: '>='", "comparator: '='"]);
    expect(problemsOf(source)).toEqual([
      {
        path: 'actions[0].indicators[1].comparator',
        message: "comparator '=' is no longer accepted: a target is a level to reach or keep, write ≥ (or ≤)",
        line: lineOf(source, "comparator: '='"),
        column: 21,
      },
      {
        path: 'actions[1].no',
        message: 'the action key no is now number (YAML 1.1 parsers read no as false): write number: <n>',
        line: lineOf(source, 'no: 2'),
        column: 9,
      },
    ]);
  });

  it('takes a baseline, responsible units, an assumed year with its reason and a per-action deliverable', () => {
    const source = spoil(
      [
        "comparator: '>='",
        "comparator: '>='\n        baseline: 60\n        responsibleUnits: [police, townships]",
      ],
      [
        '{ due: 2023-12-31, value: 3, upTo: 5 }',
        '{ due: 2023-12-31, value: 3, upTo: 5, yearAssumed: true, assumption: no year in the plan }',
      ],
      ['    from: action-leads\n', '    from: action-leads\n    perAction: true\n'],
    );
    const result = parsePlanSource(source, seedUnits());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const [, satisfaction, workshops] = result.plan.actions[0].indicators;
    expect(satisfaction).toMatchObject({ baseline: 60, responsibleUnits: ['police', 'townships'] });
    expect(workshops.targets[0]).toEqual({
      mode: 'reach',
      value: 3,
      upTo: 5,
      due: '2023-12-31',
      yearAssumed: true,
      assumption: 'no year in the plan',
    });
    expect(result.plan.deliverables[0].perAction).toBe(true);
  });

  it('checks them: a baseline within the measure, declared responsible units, a reason for an assumed year', () => {
    const source = spoil(
      ["comparator: '>='", "comparator: '>='\n        baseline: 120\n        responsibleUnits: [nobody]"],
      ['{ due: 2023-12-31, value: 3, upTo: 5 }', '{ due: 2023-12-31, value: 3, yearAssumed: true }'],
      ['    from: [amr, police]\n', '    from: [amr, police]\n    perAction: true\n'],
    );
    expect(problemsOf(source).map((p) => [p.path, p.message])).toEqual([
      ['actions[0].indicators[1].baseline', '120 is not a percentage between 0 and 100'],
      ['actions[0].indicators[1].responsibleUnits[0]', 'unknown unit nobody: not declared under units'],
      ['actions[0].indicators[2].targets[0].yearAssumed', 'an assumed year needs its reason: add assumption'],
      ['deliverables[1].perAction', 'perAction applies only to from: action-leads'],
    ]);
  });
});
