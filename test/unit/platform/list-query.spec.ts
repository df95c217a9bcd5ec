import { describe, expect, it } from '@jest/globals';
import {
  capTotal,
  containsPattern,
  hasLetterCase,
  LIST_TOTAL_CAP,
  shortTextKey,
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

describe('shortTextKey', () => {
  const INT4_MIN = -(2 ** 31);

  it('packs one character, or two, into an int4 of their code points', () => {
    expect(shortTextKey('店')).toBe(INT4_MIN + 0x5e97);
    expect(shortTextKey('超市')).toBe(INT4_MIN + 0x8d85 * 0x10000 + 0x5e02);
    expect(shortTextKey('1店')).toBe(INT4_MIN + 0x31 * 0x10000 + 0x5e97);
  });

  it('keeps every key within int4, and a pair above every single character (text holds no NUL)', () => {
    expect(shortTextKey('\uffff\uffff')).toBe(2 ** 31 - 1);
    expect(shortTextKey('\u0001\u0001')!).toBeGreaterThan(shortTextKey('\uffff')!);
  });

  it('gives none where the keys cannot find the text', () => {
    expect(shortTextKey('')).toBeNull();
    expect(shortTextKey('健康证')).toBeNull(); // three characters: the trigram index's
    expect(shortTextKey('fx')).toBeNull(); // a letter with a case: ILIKE folds it, the keys do not
    expect(shortTextKey('20')).toBeNull(); // digits and hyphens: case numbers and credit codes have no keys
    expect(shortTextKey('-')).toBeNull();
    expect(shortTextKey('𠀀')).toBeNull(); // outside the Basic Multilingual Plane
  });
});
