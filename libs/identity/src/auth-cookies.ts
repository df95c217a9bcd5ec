import { type CookieOptions, type Request, type Response } from 'express';

export const SESSION_COOKIE = 'duban_session';
export const CSRF_COOKIE = 'duban_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change something: with a session cookie they must carry the CSRF header. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isUnsafe = (method: string): boolean => UNSAFE_METHODS.has(method.toUpperCase());

export function sessionCookieOf(request: Request): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The session cookie is httpOnly (script cannot read it); the CSRF cookie is readable so the console
 * can echo it in X-CSRF-Token. Both SameSite=Strict: another site's page never sends them.
 */
export function setSessionCookies(
  response: Response,
  secrets: { sessionSecret: string; csrfToken: string },
  options: { secure: boolean; maxAgeMs: number },
): void {
  const common: CookieOptions = {
    sameSite: 'strict',
    path: '/',
    secure: options.secure,
    maxAge: options.maxAgeMs,
  };
  response.cookie(SESSION_COOKIE, secrets.sessionSecret, { ...common, httpOnly: true });
  response.cookie(CSRF_COOKIE, secrets.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(response: Response, secure: boolean): void {
  const common: CookieOptions = { sameSite: 'strict', path: '/', secure };
  response.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  response.clearCookie(CSRF_COOKIE, common);
}

/** The pending OIDC sign-in: Lax, because the provider's redirect back is a cross-site navigation. */
export const OIDC_COOKIE = 'duban_oidc';
const OIDC_PATH = '/auth/oidc';
const OIDC_PENDING_MS = 10 * 60_000;

export function setOidcCookie(response: Response, value: string, secure: boolean): void {
  response.cookie(OIDC_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: OIDC_PATH,
    secure,
    maxAge: OIDC_PENDING_MS,
  });
}

export function takeOidcCookie(request: Request, response: Response, secure: boolean): string | undefined {
  response.clearCookie(OIDC_COOKIE, { httpOnly: true, sameSite: 'lax', path: OIDC_PATH, secure });
  const value = (request.cookies as Record<string, unknown> | undefined)?.[OIDC_COOKIE];
  return typeof value === 'string' ? value : undefined;
}
