import { describe, expect, it } from '@jest/globals';
import {
  parseIdempotencyKey,
  requestFingerprint,
} from '../../../libs/platform/src/idempotency/idempotency-key.js';

describe('requestFingerprint', () => {
  const body = { title: 't', body: 'b', assigneeUnitId: 'amr', meta: { a: 1, b: [1, 2] } };

  it('is a sha256 in hex', () => {
    expect(requestFingerprint('POST', '/directives', body)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of keys in the body, at any depth', () => {
    const reordered = { meta: { b: [1, 2], a: 1 }, assigneeUnitId: 'amr', body: 'b', title: 't' };
    expect(requestFingerprint('POST', '/directives', reordered)).toBe(
      requestFingerprint('POST', '/directives', body),
    );
  });

  it('does not depend on the case of the method', () => {
    expect(requestFingerprint('post', '/directives', body)).toBe(
      requestFingerprint('POST', '/directives', body),
    );
  });

  it('changes with the body', () => {
    const base = requestFingerprint('POST', '/directives', body);
    expect(requestFingerprint('POST', '/directives', { ...body, title: 'u' })).not.toBe(base);
    expect(requestFingerprint('POST', '/directives', { ...body, meta: { a: 1, b: [2, 1] } })).not.toBe(base);
    expect(requestFingerprint('POST', '/directives', { ...body, extra: null })).not.toBe(base);
  });

  it('changes with the path and the method', () => {
    const ack = (path: string) => requestFingerprint('POST', path, { note: 'x' });
    expect(ack('/directives/DB-2026-000001/acknowledge')).not.toBe(
      ack('/directives/DB-2026-000002/acknowledge'),
    );
    expect(requestFingerprint('PUT', '/directives', body)).not.toBe(
      requestFingerprint('POST', '/directives', body),
    );
  });

  it('tells no body from an empty one', () => {
    expect(requestFingerprint('POST', '/x', undefined)).not.toBe(requestFingerprint('POST', '/x', {}));
  });
});

describe('parseIdempotencyKey', () => {
  it.each([
    ['a', 'a'],
    ['8e03978e-40d5-43e8-bc93-6894a57f9324', '8e03978e-40d5-43e8-bc93-6894a57f9324'],
    ['order:2026.01_05-x', 'order:2026.01_05-x'],
    ['k'.repeat(128), 'k'.repeat(128)],
    ['"quoted-as-in-the-draft"', 'quoted-as-in-the-draft'],
  ])('accepts %s', (header, key) => {
    expect(parseIdempotencyKey(header)).toBe(key);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['a space', 'a b'],
    ['two keys joined by a repeated header', 'a, b'],
    ['a slash', 'a/b'],
    ['non-ASCII', '督办'],
    ['an unbalanced quote', '"abc'],
    ['empty quotes', '""'],
  ])('refuses %s', (_name, header) => {
    expect(parseIdempotencyKey(header)).toBeUndefined();
  });

  it('refuses a header given as a list', () => {
    expect(parseIdempotencyKey(['a', 'b'])).toBeUndefined();
  });
});
