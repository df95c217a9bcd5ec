import { describe, expect, it } from '@jest/globals';
import {
  CONSOLE_RETURN_PATH_MAX_LENGTH,
  consoleReturnPath,
} from '../../../libs/identity/src/domain/console-return-path.js';

describe('where single sign-on returns to in the console', () => {
  it.each([
    '/',
    '/risk-items/FX-2024-0001',
    '/cards?unit=amr&colour=yellow',
    '/audit#chain',
    '/people/%E7%8E%8B',
  ])('keeps the console path %s', (path) => {
    expect(consoleReturnPath(path)).toBe(path);
  });

  it.each([
    ['another site, scheme-relative', '//evil.example/console'],
    ['another site, through a backslash', '/\\evil.example'],
    ['a backslash anywhere', '/risk-items\\FX-1'],
    ['a doubled slash further on', '/risk-items//FX-1'],
    ['an absolute URL', 'https://evil.example/'],
    ['a script URL', 'javascript:alert(1)'],
    ['a relative path', 'risk-items/FX-1'],
    ['a dot segment', '/../auth/sign-out'],
    ['an encoded dot segment', '/%2e%2e/auth'],
    ['a tab (dropped by the URL parser)', '/\t/evil.example'],
    ['a line break', '/cards\r\nSet-Cookie: x=1'],
    ['a space', '/risk items'],
    ['unencoded Chinese', '/people/王'],
    ['the empty string', ''],
    ['a path too long to be a link', `/${'a'.repeat(CONSOLE_RETURN_PATH_MAX_LENGTH)}`],
  ])('refuses %s', (_why, value) => {
    expect(consoleReturnPath(value)).toBeUndefined();
  });

  it('refuses what is not text (a repeated query parameter is an array)', () => {
    expect(consoleReturnPath(['/a', '/b'])).toBeUndefined();
    expect(consoleReturnPath(undefined)).toBeUndefined();
  });
});
