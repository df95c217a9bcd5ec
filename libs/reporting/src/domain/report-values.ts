import { type ExpectedIndicator, type IndicatorValue } from '../../../contracts/src/reporting.contracts.js';
import type { FieldProblem } from '../../../platform/src/errors/duban-error.js';

/**
 * Checks submitted indicator values against the indicators the request asks for: each exactly once,
 * a percent within 0–100, a count a non-negative whole number, no indicator the request does not know.
 */
export function reportValueProblems(
  expected: readonly ExpectedIndicator[],
  values: readonly IndicatorValue[],
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  values.forEach(({ indicatorId, value }, i) => {
    const indicator = expected.find((e) => e.id === indicatorId);
    if (!indicator) {
      problems.push({
        path: `values[${i}].indicatorId`,
        message: `${indicatorId} is not asked for by this request`,
      });
      return;
    }
    if (seen.has(indicatorId)) {
      problems.push({ path: `values[${i}].indicatorId`, message: `${indicatorId} is given more than once` });
    }
    seen.add(indicatorId);
    const problem = valueProblem(indicator, value);
    if (problem) problems.push({ path: `values[${i}].value`, message: problem });
  });
  expected
    .filter((e) => !seen.has(e.id))
    .forEach((e) =>
      problems.push({ path: 'values', message: `a value for ${e.id} (${e.nameZh}) is required` }),
    );
  return problems;
}

function valueProblem(indicator: ExpectedIndicator, value: number): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${indicator.id} must be a number`;
  switch (indicator.measure) {
    case 'percent':
      return value >= 0 && value <= 100 ? null : `${indicator.id} is a percentage: 0 to 100, got ${value}`;
    case 'count':
      return Number.isInteger(value) && value >= 0
        ? null
        : `${indicator.id} is a count: a whole number ≥ 0, got ${value}`;
  }
}
