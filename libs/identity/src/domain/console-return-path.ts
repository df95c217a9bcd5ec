/** Longer than any console deep link; anything longer is not one. */
export const CONSOLE_RETURN_PATH_MAX_LENGTH = 512;

/** Only resolves relative paths; never contacted. */
const SOME_ORIGIN = 'http://console.invalid';

/**
 * The console path a person goes back to after single sign-on (`/risk-items/FX-2024-001`), or
 * undefined when `value` is not one. The callback puts it after `/console`, so whatever a link carries
 * can only lead into the console, never to another site (an open redirect). It must be a path the URL
 * parser keeps as written: that refuses `//host`, a backslash (read as a slash), a scheme, `.`/`..`
 * segments, spaces and control characters, and anything not already percent-encoded.
 */
export function consoleReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > CONSOLE_RETURN_PATH_MAX_LENGTH) return undefined;
  if (!value.startsWith('/') || value.includes('//')) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value, SOME_ORIGIN);
  } catch {
    return undefined;
  }
  const kept = parsed.origin === SOME_ORIGIN && `${parsed.pathname}${parsed.search}${parsed.hash}` === value;
  return kept ? value : undefined;
}
