import { describe, expect, it } from '@jest/globals';
import { createdLocation } from '../../../libs/platform/src/http/created-location.js';
import { jsonNestsDeeperThan } from '../../../libs/platform/src/http/json-depth.js';
import { storableText, unstorableValues } from '../../../libs/platform/src/http/storable-text.js';

describe('unstorableValues', () => {
  it('finds nothing wrong with ordinary text, numbers, and characters outside the BMP', () => {
    expect(unstorableValues({ name: '武陟县 🍜 shop', n: 1.5, ok: true, none: null, list: ['a'] })).toEqual(
      [],
    );
  });

  it('names the path of a NUL character, however deep', () => {
    expect(unstorableValues({ business: { name: 'a\u0000b' } })).toEqual([
      { path: 'business.name', message: 'business.name must not contain a NUL character (U+0000)' },
    ]);
    expect(unstorableValues({ evidence: [{ fileName: 'ok' }, { fileName: '\u0000' }] })[0].path).toBe(
      'evidence[1].fileName',
    );
  });

  it.each([
    ['a high surrogate alone', 'a\ud800b'],
    ['a low surrogate alone', 'a\udc00b'],
    ['a pair in the wrong order', '\udc00\ud800'],
    ['a high surrogate at the end', 'abc\ud83c'],
  ])('refuses %s', (_name, text) => {
    expect(unstorableValues({ description: text })).toEqual([
      { path: 'description', message: 'description must not contain a lone UTF-16 surrogate' },
    ]);
  });

  it.each([
    ['a right-to-left override', '示例\u202e超市'],
    ['a left-to-right embedding', '\u202a甲'],
    ['a first-strong isolate', '甲\u2068乙\u2069'],
  ])('refuses %s, which would turn the text after it around', (_name, text) => {
    expect(unstorableValues({ name: text })).toEqual([
      { path: 'name', message: 'name must not contain a text-direction control character' },
    ]);
  });

  it('keeps the plain direction marks, which change nothing beyond themselves', () => {
    expect(unstorableValues({ name: '甲\u200e乙\u200f' })).toEqual([]);
  });

  it('refuses a bad character in a property name, and numbers canonical JSON cannot write', () => {
    expect(unstorableValues({ ['a\u0000']: 1 })[0].message).toBe(
      'the name of a\u0000 must not contain a NUL character (U+0000)',
    );
    expect(unstorableValues({ value: Infinity })).toEqual([
      { path: 'value', message: 'value must be a finite number' },
    ]);
  });

  it('uses the given root path (a query or path parameter)', () => {
    expect(unstorableValues('x\u0000', 'id')).toEqual([
      { path: 'id', message: 'id must not contain a NUL character (U+0000)' },
    ]);
  });
});

describe('jsonNestsDeeperThan', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('counts arrays and objects, up to and over the limit', () => {
    expect(jsonNestsDeeperThan(nested(32), 32)).toBe(false);
    expect(jsonNestsDeeperThan(nested(33), 32)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[{"c":1}]}}', 4)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[{"c":1}]}}', 3)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[{{{{', quoted: 'say \\"[[[[' }), 1)).toBe(false);
  });

  it('measures depth, not the number of siblings', () => {
    expect(jsonNestsDeeperThan(JSON.stringify(Array.from({ length: 1000 }, () => [1])), 2)).toBe(false);
  });
});

describe('createdLocation', () => {
  it('fills the template from the created resource', () => {
    expect(createdLocation('/risk-items/:id', { id: 'FX-2026-000001', status: 'registered' })).toBe(
      '/risk-items/FX-2026-000001',
    );
    expect(
      createdLocation('/plan/versions/:version.version', { loaded: true, version: { version: 3 } }),
    ).toBe('/plan/versions/3');
  });

  it('gives no location when the answer lacks the field', () => {
    expect(createdLocation('/risk-items/:id', { status: 'registered' })).toBeUndefined();
    expect(createdLocation('/risk-items/:id', undefined)).toBeUndefined();
  });
});

describe('storableText', () => {
  it('keeps what a refused caller sent in a form PostgreSQL stores: NUL spelled out, a lone surrogate replaced', () => {
    const kept = storableText('a\u0000b\ud800c😀');
    expect(kept).toBe('a\\u0000b\uFFFDc😀');
    expect(unstorableValues(kept)).toEqual([]);
  });
});
