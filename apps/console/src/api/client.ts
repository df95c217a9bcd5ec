/**
 * The console's only door to the engine: the public HTTP API on the same origin, authenticated by the
 * session cookie. Unsafe methods carry the CSRF token the API set in a readable cookie (double submit).
 */

import { fieldProblemsZh, problemTextZh } from './problem-zh';

/** A field the API refused, as problem+json names it (`business.name`, `evidence[0].sha256`). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An RFC 9457 problem answered by the API, thrown to the page that asked: its message and field messages
 * in Chinese (the API's English stays in `body`), its stable code for support staff.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
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

/** Listeners told when the session has ended (401), with the API's problem saying why. */
const signedOutListeners = new Set<(problem: ApiProblem) => void>();
export const onSignedOut = (listener: (problem: ApiProblem) => void) => {
  signedOutListeners.add(listener);
  return () => void signedOutListeners.delete(listener);
};

/** Listeners told when the person whose session ended has signed in again: refused reads may go again. */
const resumedListeners = new Set<() => void>();
export const onSessionResumed = (listener: () => void) => {
  resumedListeners.add(listener);
  return () => void resumedListeners.delete(listener);
};
export const sessionResumed = () => resumedListeners.forEach((listener) => listener());

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
  const code = typeof body.code === 'string' ? body.code : `http.${response.status}`;
  const fields = Array.isArray(body.errors) ? (body.errors as FieldProblem[]) : [];
  return new ApiProblem(
    response.status,
    code,
    problemTextZh(code, typeof body.detail === 'string' ? body.detail : response.statusText, body),
    fieldProblemsZh(fields),
    body,
  );
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
    ...extraHeaders,
  };
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
    if (response.status === 401 && path !== '/auth/sign-in') signedOutListeners.forEach((l) => l(problem));
    throw problem;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/**
 * Pauses before a step is sent again while the engine has not answered it. Each attempt itself waits up
 * to the API's ENGINE_WAIT_SECONDS (30 s by default), so a person waits at most about two minutes for
 * a step's answer under a burst, and sees each retry announced.
 */
const STEP_RETRY_PAUSES_MS = [2_000, 4_000, 8_000];
/** Answers that say the step may still be under way: sent again under its key, it gets the step's own answer. */
const STILL_UNDER_WAY = new Set(['engine.busy', 'idempotency.in-progress']);

/** Listeners told before a step is sent again (the shell shows that the page is still waiting). */
const stepRetryListeners = new Set<(retry: number, of: number) => void>();
export const onStepRetry = (listener: (retry: number, of: number) => void) => {
  stepRetryListeners.add(listener);
  return () => void stepRetryListeners.delete(listener);
};

/** A fresh Idempotency-Key: 128 random bits (getRandomValues works on plain-HTTP office networks too). */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A step on a case: a POST under an Idempotency-Key of its own. While the engine answers that it has
 * not taken the step yet (a burst of clocks), the same request goes again under the same key, so the
 * person gets the step's real answer and the step is never taken twice (the key names its Update).
 * Not for routes whose answer holds a secret shown once: those refuse a key.
 */
async function step<T>(path: string, body: unknown = {}): Promise<T> {
  const headers = { 'Idempotency-Key': idempotencyKey() };
  for (let retry = 0; ; retry++) {
    try {
      return await request<T>('POST', path, body, headers);
    } catch (error) {
      if (!(error instanceof ApiProblem && STILL_UNDER_WAY.has(error.code))) throw error;
      const pause = STEP_RETRY_PAUSES_MS[retry];
      if (pause === undefined) {
        throw new ApiProblem(
          error.status,
          error.code,
          '系统繁忙，尚未收到办理结果：该步骤可能已经办理，请稍后刷新页面查看，勿重复提交',
          error.errors,
          error.body,
        );
      }
      stepRetryListeners.forEach((listener) => listener(retry + 1, STEP_RETRY_PAUSES_MS.length));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  step,
};
