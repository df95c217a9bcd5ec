/**
 * What Node's fetch (undici) throws for every network failure alike, the reason in `cause`: 'fetch
 * failed' before an answer (connection refused or reset, unknown host, TLS), 'terminated' when the
 * connection is lost while the answer is read.
 */
const NETWORK_FAILURES = new Set(['fetch failed', 'terminated']);

/** openid-client's codes for a request it gave up on (its timeout, 30 s by default) or that was aborted. */
const GAVE_UP = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT']);

interface ErrorLike {
  name: string;
  message: string;
  code?: unknown;
  cause?: unknown;
}

/**
 * Errors are told apart by name and code, not `instanceof`: fetch's errors may come from another realm
 * (a vm context, as under Jest), and openid-client then wraps them as a ClientError without a code.
 */
const errorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ErrorLike).name === 'string' &&
  typeof (value as ErrorLike).message === 'string';

/**
 * Whether a failed exchange with the OpenID provider (token, UserInfo or key set request) means the
 * provider could not be reached, rather than that it answered and the answer did not check out. The
 * first is a county system that is down; the second (an OAuth error response, a state, nonce or PKCE
 * mismatch, a token that fails validation) is a sign-in refused. A 5xx that carries no OAuth error is
 * counted as unreachable too: that is a gateway in front of a provider that is down.
 */
export function providerUnreachable(err: unknown): boolean {
  if (!errorLike(err)) return false;
  switch (err.name) {
    case 'TypeError':
      // Without a code: oauth4webapi's own TypeErrors (a wrong argument) carry one.
      return NETWORK_FAILURES.has(err.message) && err.code === undefined;
    case 'TimeoutError':
    case 'AbortError':
      return true;
    case 'ClientError':
      if (typeof err.code === 'string' && GAVE_UP.has(err.code)) return true;
      if (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') return statusOf(err.cause) >= 500;
      // What openid-client did not recognise, wrapped as it was.
      return err.code === undefined && providerUnreachable(err.cause);
    default:
      return false;
  }
}

/** The HTTP status of the provider's answer an error carries, or 0. */
const statusOf = (response: unknown): number =>
  typeof response === 'object' && response !== null && typeof (response as Response).status === 'number'
    ? (response as Response).status
    : 0;
