import { describe, expect, it } from '@jest/globals';
import { FixedWindowLimiter } from '../../../libs/complaints/src/public/rate-limiter.js';
import { ComplaintCategory } from '../../../libs/contracts/src/complaint.contracts.js';
import {
  newFollowUpSecret,
  newPseudonym,
  newReceiptCode,
  hashSecret,
  secretMatches,
} from '../../../libs/complaints/src/public/receipts.js';
import { RECEIPT_CODE_PATTERN, SECRET_PATTERN } from '../../../libs/complaints/src/dto/complaint.dto.js';

describe('abuse limits of the public intake', () => {
  const t0 = Date.parse('2026-12-01T00:00:00Z');

  it('allows the limit per key and window, then says how long to wait', () => {
    const limiter = new FixedWindowLimiter(3, 60_000);
    for (let i = 0; i < 3; i++) expect(limiter.take('10.0.0.1', t0 + i).allowed).toBe(true);
    expect(limiter.take('10.0.0.1', t0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 50 });
    // Another address has its own window; the first is free again once its window ends.
    expect(limiter.take('10.0.0.2', t0 + 10_000).allowed).toBe(true);
    expect(limiter.take('10.0.0.1', t0 + 60_000).allowed).toBe(true);
  });

  it('checks without counting, so only failures use up a receipt’s tries', () => {
    const limiter = new FixedWindowLimiter(1, 60_000);
    expect(limiter.check('R', t0).allowed).toBe(true);
    expect(limiter.check('R', t0).allowed).toBe(true);
    limiter.take('R', t0);
    expect(limiter.check('R', t0 + 1).allowed).toBe(false);
  });

  it('names the person a complaint’s 投诉人 and a report’s 举报人, by a random handle', () => {
    expect(newPseudonym(ComplaintCategory.Complaint)).toMatch(/^投诉人-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(newPseudonym(ComplaintCategory.Report)).toMatch(/^举报人-[0-9A-HJKMNP-TV-Z]{6}$/);
  });

  it('issues receipt codes of 100 random bits and 256-bit secrets, stored as a hash only', () => {
    const codes = new Set(Array.from({ length: 200 }, newReceiptCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(RECEIPT_CODE_PATTERN);
    const secret = newFollowUpSecret();
    expect(secret).toMatch(SECRET_PATTERN);
    const stored = hashSecret(secret);
    expect(stored.toString('utf8')).not.toContain(secret);
    expect(secretMatches(stored, secret)).toBe(true);
    expect(secretMatches(stored, newFollowUpSecret())).toBe(false);
  });
});
