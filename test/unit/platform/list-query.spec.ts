import { describe, expect, it } from '@jest/globals';
import {
  capTotal,
  containsPattern,
  hasLetterCase,
  LIST_TOTAL_CAP,
} from '../../../libs/platform/src/database/list-query.js';

describe('capTotal', () => {
  it('is exact up to the cap', () => {
    expect(capTotal(0)).toEqual({ total: 0, totalCapped: false });
    expect(capTotal(LIST_TOTAL_CAP)).toEqual({ total: LIST_TOTAL_CAP, totalCapped: false });
  });

  it('says "more than the cap" when the count read one row past it', () => {
    expect(capTotal(LIST_TOTAL_CAP + 1)).toEqual({ total: LIST_TOTAL_CAP, totalCapped: true });
    expect(capTotal(11, 10)).toEqual({ total: 10, totalCapped: true });
  });
});

describe('containsPattern', () => {
  it('finds the text anywhere', () => {
    expect(containsPattern('惠民超市')).toBe('%惠民超市%');
  });

  it("takes the user's %, _ and backslash literally", () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describe('hasLetterCase', () => {
  it('is false for text that reads the same in any case, which a plain LIKE matches alike', () => {
    expect(hasLetterCase('惠民超市')).toBe(false);
    expect(hasLetterCase('91350100')).toBe(false);
    expect(hasLetterCase('超标50%以上')).toBe(false);
    expect(hasLetterCase('')).toBe(false);
  });

  it('is true as soon as one character has a case, so that ILIKE finds the other case', () => {
    expect(hasLetterCase('fx-2026')).toBe(true);
    expect(hasLetterCase('FX')).toBe(true);
    expect(hasLetterCase('鑫盛a')).toBe(true);
    expect(hasLetterCase('É')).toBe(true);
  });
});
