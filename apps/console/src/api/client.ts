/**
 * The console's only door to the engine: the public HTTP API on the same origin, authenticated by the
 * session cookie. Unsafe methods carry the CSRF token the API set in a readable cookie (double submit).
 */

/** A field the API refused, as problem+json names it (`business.name`, `evidence[0].sha256`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An RFC 9457 problem answered by the API, thrown to the page that asked. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const CSRF_COOKIE = 'duban_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD']);

function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Listeners told when the session has ended (401), so the app can return to the sign-in page. */
const signedOutListeners = new Set<() => void>();
export const onSignedOut = (listener: () => void) => {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
};

export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(response: Response): Promise<ApiProblem> {
  const type = response.headers.get('content-type') ?? '';
  const body = (type.includes('json') ? await response.json() : {}) as Record<string, unknown>;
  return new ApiProblem(
    response.status,
    typeof body.code === 'string' ? body.code : `http.${response.status}`,
    typeof body.detail === 'string' ? body.detail : response.statusText,
    Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [],
    body,
  );
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.5' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method)) {
    const token = csrfToken();
    if (token) headers['x-csrf-token'] = token;
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== '/auth/sign-in') signedOutListeners.forEach((l) => l());
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
