/**
 * What Node's fetch (undici) throws for every network failure alike, the reason in `cause`: 'fetch
 * failed' before an answer (connection refused or reset, unknown host, TLS), 'terminated' when the
 * connection is lost while the answer is read.
 */
const NETWORK_FAILURES = new Set(['fetch failed', 'terminated']);

/** openid-client's codes for a request it gave up on (its timeout: OIDC_TIMEOUT_MS) or that was aborted. */
const GAVE_UP = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT']);

/**
 * The authorization errors (RFC 6749 §4.1.2.1) by which a provider says it is down itself: it cannot
 * handle the request now, or failed within. Any other (access_denied: the person cancelled or was not
 * allowed; invalid_request …) is a sign-in refused.
 */
const PROVIDER_DOWN = new Set(['temporarily_unavailable', 'server_error']);

interface ErrorLike {
  name: string;
  message: string;
  code?: unknown;
  cause?: unknown;
  /** An authorization error response's `error` parameter. */
  error?: unknown;
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
 * Whether a failed callback (the provider's redirect, then its token, UserInfo or key set request) means
 * the provider could not be reached, rather than that it answered and the answer did not check out. The
 * first is a county system that is down; the second (an OAuth error response, a state, nonce or PKCE
 * mismatch, a token that fails validation) is a sign-in refused. A 5xx that carries no OAuth error is
 * counted as unreachable too: that is a gateway in front of a provider that is down; so is a redirect
 * whose state matched and whose error says the provider is down (PROVIDER_DOWN).
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
    case 'AuthorizationResponseError':
      // Thrown only once the state matched: a forged redirect is refused before its error is read.
      return typeof err.error === 'string' && PROVIDER_DOWN.has(err.error);
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
