// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters drawn from a
// 31-character set (digits and upper-case letters without I, O, Z, S, V).
//   position 1      registration-authority code (登记管理部门代码)
//   position 2      organisation-type code (机构类别代码)
//   positions 3–8   administrative-division code (登记管理机关行政区划码), six digits per GB/T 2260
//   positions 9–17  organisation code body (主体标识码)
//   position 18     check character (校验码)
//
// Decisions:
// - Only upper case is accepted, because the code is printed and registered in upper case and this
//   check does not silently rewrite what a user typed. A lower-case letter gets a message that names
//   the upper-case letter to write instead (when that letter is in the set at all).
// - Nothing is trimmed: a space is an invalid character like any other.
// - Positions 3–8 must be digits (the standard fixes them as a GB/T 2260 division code). Positions 1
//   and 2 are only checked against the character set: their code tables are maintained outside the
//   standard and grow over time.
// - Positions count from 1 and count code points, so an emoji or other astral character is one position.

/** The 31 characters of the code, in value order: the value of a character is its index here. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The weights of positions 1–17, from GB 32100-2015 (3^(i-1) mod 31). */
export const CREDIT_CODE_WEIGHTS: readonly number[] = [
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

export const CREDIT_CODE_LENGTH = 18;

const EXCLUDED_LETTERS = 'IOZSV';
const DIVISION_FIRST = 3;
const DIVISION_LAST = 8;

function charValue(char: string): number {
  return CREDIT_CODE_CHARSET.indexOf(char);
}

function quote(char: string): string {
  return JSON.stringify(char);
}

/** Why `char` cannot stand at 1-based `position`, or undefined when it can. */
function characterProblem(char: string, position: number): string | undefined {
  const at = `invalid character ${quote(char)} at position ${position}`;
  if (charValue(char) < 0) {
    const upper = char.toUpperCase();
    if (upper !== char && upper.length === 1 && charValue(upper) >= 0) {
      return `${at}: credit codes are upper case, write ${quote(upper)}`;
    }
    if (EXCLUDED_LETTERS.includes(upper)) {
      return `${at}: the letters I, O, Z, S and V are not used in credit codes`;
    }
    return `${at}: only digits and the letters A–Z except I, O, Z, S, V are allowed`;
  }
  if (position >= DIVISION_FIRST && position <= DIVISION_LAST && !/^[0-9]$/.test(char)) {
    return `${at}: positions 3–8 (administrative division code) must be digits`;
  }
  return undefined;
}

function checkCharacterOf(chars: readonly string[]): string {
  let sum = 0;
  for (let i = 0; i < CREDIT_CODE_WEIGHTS.length; i++) {
    sum += charValue(chars[i]) * CREDIT_CODE_WEIGHTS[i];
  }
  const value = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET[value];
}

/**
 * The check character (position 18) for the first 17 characters of a code:
 * 31 − (Σ value × weight mod 31), where 31 becomes 0.
 * Throws a RangeError unless `first17` is exactly 17 characters of the code's character set.
 */
export function computeCreditCodeCheckCharacter(first17: string): string {
  const chars = Array.from(first17);
  if (chars.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`expected the first 17 characters of a credit code, got ${chars.length}`);
  }
  chars.forEach((char, i) => {
    if (charValue(char) < 0) {
      throw new RangeError(`invalid character ${quote(char)} at position ${i + 1}`);
    }
  });
  return checkCharacterOf(chars);
}

/**
 * Undefined when `code` is a valid unified social credit code, else the first problem found, in this order:
 * - `credit code must be 18 characters long (got N)`
 * - `invalid character "c" at position N: …` (first offending position, with the reason)
 * - `invalid check character "c" at position 18 (expected "X")`
 */
export function creditCodeProblem(code: string): string | undefined {
  const chars = Array.from(code);
  if (chars.length !== CREDIT_CODE_LENGTH) {
    return `credit code must be ${CREDIT_CODE_LENGTH} characters long (got ${chars.length})`;
  }
  for (let i = 0; i < chars.length; i++) {
    const problem = characterProblem(chars[i], i + 1);
    if (problem !== undefined) return problem;
  }
  const expected = checkCharacterOf(chars);
  const actual = chars[CREDIT_CODE_LENGTH - 1];
  if (actual !== expected) {
    return `invalid check character ${quote(actual)} at position 18 (expected ${quote(expected)})`;
  }
  return undefined;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}
