import { describe, expect, it } from '@jest/globals';
import { type ExpectedIndicator } from '../../../libs/contracts/src/reporting.contracts.js';
import { reportValueProblems } from '../../../libs/reporting/src/domain/report-values.js';

const expected: ExpectedIndicator[] = [
  { id: 'rate', nameZh: '规范化率', measure: 'percent' },
  { id: 'streets', nameZh: '示范街', measure: 'count' },
];

describe('report values against the indicator definitions', () => {
  it('accepts one value per indicator within range', () => {
    expect(
      reportValueProblems(expected, [
        { indicatorId: 'rate', value: 0 },
        { indicatorId: 'streets', value: 3 },
      ]),
    ).toEqual([]);
    expect(
      reportValueProblems(expected, [
        { indicatorId: 'rate', value: 100 },
        { indicatorId: 'streets', value: 0 },
      ]),
    ).toEqual([]);
  });

  it.each([
    [-0.1, 'percentage'],
    [100.5, 'percentage'],
  ])('refuses a percent of %s, naming the field', (value) => {
    expect(
      reportValueProblems(expected, [
        { indicatorId: 'rate', value },
        { indicatorId: 'streets', value: 1 },
      ]),
    ).toEqual([{ path: 'values[0].value', message: expect.stringContaining('0 to 100') }]);
  });

  it.each([[-1], [1.5]])('refuses a count of %s', (value) => {
    expect(
      reportValueProblems(expected, [
        { indicatorId: 'rate', value: 50 },
        { indicatorId: 'streets', value },
      ]),
    ).toEqual([{ path: 'values[1].value', message: expect.stringContaining('whole number') }]);
  });

  it('refuses a value that is not a number at all', () => {
    const problems = reportValueProblems(expected, [
      { indicatorId: 'rate', value: '50' as unknown as number },
      { indicatorId: 'streets', value: Number.NaN },
    ]);
    expect(problems.map((p) => p.path)).toEqual(['values[0].value', 'values[1].value']);
  });

  it('refuses an unknown indicator, a repeated one and a missing one', () => {
    expect(
      reportValueProblems(expected, [
        { indicatorId: 'rate', value: 50 },
        { indicatorId: 'rate', value: 60 },
        { indicatorId: 'bogus', value: 1 },
      ]),
    ).toEqual([
      { path: 'values[1].indicatorId', message: 'rate is given more than once' },
      { path: 'values[2].indicatorId', message: 'bogus is not asked for by this request' },
      { path: 'values', message: 'a value for streets (示范街) is required' },
    ]);
  });

  it('asks nothing of a request without indicators (a deliverable)', () => {
    expect(reportValueProblems([], [])).toEqual([]);
    expect(reportValueProblems([], [{ indicatorId: 'rate', value: 1 }])).toHaveLength(1);
  });
});
