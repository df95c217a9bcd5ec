import { describe, expect, it } from '@jest/globals';
import { shanghaiYear } from '../../../libs/platform/src/database/case-number.service.js';

describe('shanghaiYear (Asia/Shanghai, UTC+8)', () => {
  it.each([
    ['2024-12-31T15:59:59.999Z', 2024],
    ['2024-12-31T15:59:59Z', 2024],
    ['2024-12-31T16:00:00Z', 2025],
    ['2025-01-01T00:00:00Z', 2025],
    ['2023-12-31T16:00:00+00:00', 2024],
    ['2024-12-31T23:59:59+08:00', 2024],
    ['2025-01-01T00:00:00+08:00', 2025],
    ['2024-06-15T12:00:00Z', 2024],
  ])('%s falls in %i', (instant, year) => {
    expect(shanghaiYear(new Date(instant))).toBe(year);
  });

  it('does not depend on the local time zone of the process', () => {
    const at = new Date(Date.UTC(2024, 11, 31, 16, 0, 0));
    expect(shanghaiYear(at)).toBe(2025);
  });
});
