import { describe, expect, it } from '@jest/globals';
import { type NextFunction, type Request, type Response } from 'express';
import { hstsOverTls } from '../../../apps/api/src/browser/security-headers.js';

function headersSentFor(secure: boolean): Record<string, string> {
  const sent: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => (sent[name.toLowerCase()] = value) };
  hstsOverTls({ secure } as Request, res as unknown as Response, (() => undefined) as NextFunction);
  return sent;
}

describe('HSTS', () => {
  it('is sent on requests that arrived over TLS', () => {
    expect(headersSentFor(true)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('is not sent over plain HTTP, where a browser would ignore it anyway', () => {
    expect(headersSentFor(false)).toEqual({});
  });
});
