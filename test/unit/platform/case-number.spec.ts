import { describe, expect, it, jest } from '@jest/globals';
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

  it('reads no local-time fields, so the time zone of the host cannot change the year', () => {
    // Jest sandboxes process.env, so TZ cannot be switched here; instead, any use of local time fails.
    const localGetters = ['getFullYear', 'getMonth', 'getDate', 'getHours', 'getTimezoneOffset'] as const;
    const spies = localGetters.map((name) =>
      jest.spyOn(Date.prototype, name).mockImplementation(() => {
        throw new Error(`local-time ${name} used`);
      }),
    );
    try {
      expect(shanghaiYear(new Date(Date.UTC(2024, 11, 31, 16, 0, 0)))).toBe(2025);
      expect(shanghaiYear(new Date(Date.UTC(2024, 11, 31, 15, 59, 59)))).toBe(2024);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
