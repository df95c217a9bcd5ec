import { describe, expect, it } from '@jest/globals';
import { canonicalJson } from '../../../libs/platform/src/json/canonical-json.js';

describe('canonicalJson', () => {
  describe('object keys', () => {
    it('sorts top-level keys, so insertion order does not matter', () => {
      expect(canonicalJson({ b: 1, a: 2, c: 3 })).toBe('{"a":2,"b":1,"c":3}');
      expect(canonicalJson({ c: 3, a: 2, b: 1 })).toBe('{"a":2,"b":1,"c":3}');
    });

    it('sorts keys at every level of nesting, including objects inside arrays', () => {
      const one = { z: { y: 1, x: { w: true, v: false } }, a: [{ d: 1, c: 2 }] };
      const other = { a: [{ c: 2, d: 1 }], z: { x: { v: false, w: true }, y: 1 } };
      const expected = '{"a":[{"c":2,"d":1}],"z":{"x":{"v":false,"w":true},"y":1}}';
      expect(canonicalJson(one)).toBe(expected);
      expect(canonicalJson(other)).toBe(expected);
    });

    it('orders keys by code unit, so upper case comes before lower case and "10" before "9"', () => {
      expect(canonicalJson({ b: 1, B: 2, a: 3, '9': 4, '10': 5 })).toBe('{"10":5,"9":4,"B":2,"a":3,"b":1}');
    });

    it('writes no white space', () => {
      expect(canonicalJson({ a: [1, 2], b: { c: null } })).toBe('{"a":[1,2],"b":{"c":null}}');
    });
  });

  describe('arrays', () => {
    it('keeps the order of elements', () => {
      expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
      expect(canonicalJson(['b', 'a'])).not.toBe(canonicalJson(['a', 'b']));
    });

    it('writes an empty array and an empty object', () => {
      expect(canonicalJson([])).toBe('[]');
      expect(canonicalJson({})).toBe('{}');
    });

    it('writes undefined array elements as null, like JSON.stringify', () => {
      expect(canonicalJson([1, undefined, 3])).toBe('[1,null,3]');
      expect(canonicalJson([1, undefined, 3])).toBe(JSON.stringify([1, undefined, 3]));
    });
  });

  describe('undefined', () => {
    it('drops properties whose value is undefined', () => {
      expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined, e: 2 } })).toBe('{"a":1,"c":{"e":2}}');
    });

    it('hashes an object with an undefined property the same as one without it', () => {
      expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    });

    it('keeps null properties (null is a value, undefined is absence)', () => {
      expect(canonicalJson({ a: null })).toBe('{"a":null}');
      expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    });

    it('writes a top-level undefined as null', () => {
      expect(canonicalJson(undefined)).toBe('null');
    });
  });

  describe('numbers', () => {
    it('writes finite numbers as JSON does', () => {
      expect(canonicalJson(0)).toBe('0');
      expect(canonicalJson(-1.5)).toBe('-1.5');
      expect(canonicalJson(1e21)).toBe('1e+21');
      expect(canonicalJson({ n: 42 })).toBe('{"n":42}');
    });

    it.each([
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ])('rejects %s at the top level', (_name, value) => {
      expect(() => canonicalJson(value)).toThrow(new TypeError('non-finite number'));
    });

    it('rejects a non-finite number nested in an object', () => {
      expect(() => canonicalJson({ a: { b: NaN } })).toThrow(TypeError);
    });

    it('rejects a non-finite number nested in an array', () => {
      expect(() => canonicalJson([1, Infinity])).toThrow('non-finite number');
    });
  });

  describe('strings and other scalars', () => {
    it('escapes strings exactly as JSON.stringify does', () => {
      const tricky = 'quote " backslash \\ newline \n tab \t control \u0001 unicode 督办 emoji 🍜';
      expect(canonicalJson(tricky)).toBe(JSON.stringify(tricky));
      expect(canonicalJson(tricky)).toBe(
        '"quote \\" backslash \\\\ newline \\n tab \\t control \\u0001 unicode 督办 emoji 🍜"',
      );
    });

    it('escapes keys exactly as JSON.stringify does', () => {
      expect(canonicalJson({ 'a"b': 1, 'line\nbreak': 2 })).toBe('{"a\\"b":1,"line\\nbreak":2}');
    });

    it('writes booleans and null as JSON literals', () => {
      expect(canonicalJson(true)).toBe('true');
      expect(canonicalJson(false)).toBe('false');
      expect(canonicalJson(null)).toBe('null');
    });

    it('produces JSON that parses back to an equal value', () => {
      const value = { title: '督办', items: [{ n: 1 }, { n: 2 }], ok: true, none: null };
      expect(JSON.parse(canonicalJson(value))).toEqual(value);
    });
  });
});
