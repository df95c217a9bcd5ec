import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import {
  CREDIT_CODE_CHARSET,
  computeCreditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
} from '../../../libs/risk-items/src/domain/credit-code.js';
import { IsCreditCode } from '../../../libs/risk-items/src/dto/is-credit-code.decorator.js';

/** Replaces the character at 1-based `position`. */
function withCharAt(code: string, position: number, char: string): string {
  return code.slice(0, position - 1) + char + code.slice(position);
}

describe('unified social credit code (GB 32100-2015)', () => {
  describe('valid codes', () => {
    it.each([
      ['91350100M000100Y43', 'the example printed in GB 32100-2015 itself'],
      ['914403001922038216', 'a published enterprise code (Shenzhen, digit check character)'],
      ['9144030071526726XG', 'a published enterprise code (Shenzhen, letter in the body)'],
      ['91330100716105852F', 'a published enterprise code (Hangzhou)'],
      ['91110000802100433B', 'a published enterprise code (Beijing)'],
      ['91110108551385082Q', 'a published enterprise code (Beijing Haidian)'],
      ['12100000400000624D', 'a published public-institution code (type 1-2)'],
      ['11100000000013127D', 'a published government-organ code (type 1-1)'],
    ])('%s is valid: %s', (code) => {
      expect(creditCodeProblem(code)).toBeUndefined();
      expect(isValidCreditCode(code)).toBe(true);
      expect(computeCreditCodeCheckCharacter(code.slice(0, 17))).toBe(code[17]);
    });

    it('computes the check character of the standard example as 3', () => {
      expect(computeCreditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    });
  });

  describe('check value 0 (31 − 0 = 31 becomes 0)', () => {
    it.each(['91440300MA50000050', '91330106MA20000150', '92320102MA10000270', '52110000MA00000140'])(
      '%s has weighted sum ≡ 0 (mod 31), so its check character is "0"',
      (code) => {
        const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
        const sum = weights.reduce((acc, w, i) => acc + CREDIT_CODE_CHARSET.indexOf(code[i]) * w, 0);
        expect(sum % 31).toBe(0);
        expect(computeCreditCodeCheckCharacter(code.slice(0, 17))).toBe('0');
        expect(creditCodeProblem(code)).toBeUndefined();
      },
    );

    it('refuses any other check character on a value-0 code, expecting "0"', () => {
      expect(creditCodeProblem('91440300MA5000005Y')).toBe(
        'invalid check character "Y" at position 18 (expected "0")',
      );
    });
  });

  describe('wrong length', () => {
    it.each([
      ['', 0],
      ['91350100M000100Y4', 17],
      ['91350100M000100Y433', 19],
      [' 91350100M000100Y43', 19],
      ['91350100M000100Y43\n', 19],
    ])('%j has length %i', (code, length) => {
      expect(creditCodeProblem(code)).toBe(`credit code must be 18 characters long (got ${length})`);
      expect(isValidCreditCode(code)).toBe(false);
    });

    it('counts code points, not UTF-16 units', () => {
      expect(creditCodeProblem('91350100M000100Y4😀')).toBe(
        'invalid character "😀" at position 18: only digits and the letters A–Z except I, O, Z, S, V are allowed',
      );
    });
  });

  describe('invalid characters', () => {
    it.each(['I', 'O', 'Z', 'S', 'V'])('excludes the letter %s', (letter) => {
      expect(CREDIT_CODE_CHARSET).not.toContain(letter);
      const code = withCharAt('91350100M000100Y43', 10, letter);
      expect(creditCodeProblem(code)).toBe(
        `invalid character "${letter}" at position 10: the letters I, O, Z, S and V are not used in credit codes`,
      );
    });

    it.each(['i', 'o', 'z', 's', 'v'])(
      'excludes the lower-case %s too, without suggesting upper case',
      (letter) => {
        const code = withCharAt('91350100M000100Y43', 16, letter);
        expect(creditCodeProblem(code)).toBe(
          `invalid character "${letter}" at position 16: the letters I, O, Z, S and V are not used in credit codes`,
        );
      },
    );

    it('has the 31 characters of the standard, in value order', () => {
      expect(CREDIT_CODE_CHARSET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
      expect(CREDIT_CODE_CHARSET).toHaveLength(31);
    });

    it('accepts upper case only, and names the upper-case letter to write', () => {
      expect(creditCodeProblem('91350100m000100y43')).toBe(
        'invalid character "m" at position 9: credit codes are upper case, write "M"',
      );
      expect(creditCodeProblem('9144030071526726xg')).toBe(
        'invalid character "x" at position 17: credit codes are upper case, write "X"',
      );
      expect(isValidCreditCode('91350100m000100Y43')).toBe(false);
    });

    it.each([
      ['-', 1],
      [' ', 5],
      ['统', 12],
      ['*', 18],
    ])('refuses %j at position %i', (char, position) => {
      const code = withCharAt('91350100M000100Y43', position, char);
      expect(creditCodeProblem(code)).toBe(
        `invalid character ${JSON.stringify(char)} at position ${position}: only digits and the letters A–Z except I, O, Z, S, V are allowed`,
      );
    });

    it('reports the first offending position', () => {
      expect(creditCodeProblem('9135010OM000100Y4I')).toBe(
        'invalid character "O" at position 8: the letters I, O, Z, S and V are not used in credit codes',
      );
    });

    it.each([3, 5, 8])('requires a digit at position %i (administrative division code)', (position) => {
      const code = withCharAt('91350100M000100Y43', position, 'A');
      expect(creditCodeProblem(code)).toBe(
        `invalid character "A" at position ${position}: positions 3–8 (administrative division code) must be digits`,
      );
    });

    it('allows letters at positions 1, 2 and 9–17', () => {
      const first17 = 'Y1350100MA0000XY4';
      const code = first17 + computeCreditCodeCheckCharacter(first17);
      expect(creditCodeProblem(code)).toBeUndefined();
    });
  });

  describe('invalid check character', () => {
    it('names the expected check character', () => {
      expect(creditCodeProblem('91350100M000100Y44')).toBe(
        'invalid check character "4" at position 18 (expected "3")',
      );
      expect(creditCodeProblem('9144030071526726XH')).toBe(
        'invalid check character "H" at position 18 (expected "G")',
      );
    });

    it('catches every single-character substitution in the first 17 positions of the standard example', () => {
      const valid = '91350100M000100Y43';
      for (let position = 1; position <= 17; position++) {
        for (const char of CREDIT_CODE_CHARSET) {
          if (char === valid[position - 1]) continue;
          if (position >= 3 && position <= 8 && !/\d/.test(char)) continue;
          const mutated = withCharAt(valid, position, char);
          expect(creditCodeProblem(mutated)).toMatch(
            /^invalid check character "3" at position 18 \(expected "[0-9A-Y]"\)$/,
          );
        }
      }
    });

    it('catches swapping two adjacent different characters', () => {
      const valid = '91330100716105852F';
      for (let i = 0; i < 16; i++) {
        if (valid[i] === valid[i + 1]) continue;
        const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
        expect(isValidCreditCode(swapped)).toBe(false);
      }
    });
  });

  describe('computeCreditCodeCheckCharacter', () => {
    it('refuses input that is not 17 characters of the set', () => {
      expect(() => computeCreditCodeCheckCharacter('91350100M000100Y')).toThrow(
        'expected the first 17 characters of a credit code, got 16',
      );
      expect(() => computeCreditCodeCheckCharacter('91350100M000100I4')).toThrow(
        'invalid character "I" at position 16',
      );
    });
  });
});

class Registration {
  @IsCreditCode()
  creditCode: unknown;
}

class Registrations {
  @IsCreditCode({ each: true })
  creditCodes: unknown[];
}

class CustomMessage {
  @IsCreditCode({ message: 'bad code' })
  creditCode: unknown;
}

function messagesOf(object: object): string[] {
  return validateSync(object).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('@IsCreditCode', () => {
  function registration(creditCode: unknown): Registration {
    return Object.assign(new Registration(), { creditCode });
  }

  it('passes a valid code', () => {
    expect(validateSync(registration('91350100M000100Y43'))).toEqual([]);
  });

  it.each([
    ['91350100M000100Y4', 'credit code must be 18 characters long (got 17)'],
    ['91350100M000100Y44', 'invalid check character "4" at position 18 (expected "3")'],
    ['91350100m000100Y43', 'invalid character "m" at position 9: credit codes are upper case, write "M"'],
    [
      '91350100M000100V43',
      'invalid character "V" at position 16: the letters I, O, Z, S and V are not used in credit codes',
    ],
    [12345, 'credit code must be a string'],
    [undefined, 'credit code must be a string'],
  ])('refuses %j with the precise problem', (value, message) => {
    const errors = validateSync(registration(value));
    expect(errors).toHaveLength(1);
    expect(errors[0].property).toBe('creditCode');
    expect(errors[0].constraints).toEqual({ isCreditCode: message });
  });

  it('names the first invalid element with { each: true }', () => {
    const ok = Object.assign(new Registrations(), {
      creditCodes: ['91350100M000100Y43', '91330100716105852F'],
    });
    expect(validateSync(ok)).toEqual([]);
    const bad = Object.assign(new Registrations(), {
      creditCodes: ['91350100M000100Y43', '91330100716105852E', 'short'],
    });
    expect(messagesOf(bad)).toEqual(['element 1: invalid check character "E" at position 18 (expected "F")']);
  });

  it('lets an explicit message win', () => {
    expect(messagesOf(Object.assign(new CustomMessage(), { creditCode: 'x' }))).toEqual(['bad code']);
  });
});
