/** How long a receiver has to answer one POST: a slow receiver holds neither a case nor a person. */
export const WEBHOOK_TIMEOUT_MS = 5_000;

/** What one POST to a receiver came to: its status, and why it failed (null when it took it). */
export interface WebhookPostOutcome {
  statusCode: number | null;
  error: string | null;
}

/** One POST; any non-2xx answer (redirects included, which are not followed) is a failure. */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<WebhookPostOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { statusCode: response.status, error: response.ok ? null : `HTTP ${response.status}` };
  } catch (err) {
    return { statusCode: null, error: describeFailure(err) };
  }
}

/**
 * A short cause without the URL, which may carry a receiver's token. Read by shape, not `instanceof`:
 * fetch's errors may come from another realm (a VM context under jest).
 */
function describeFailure(err: unknown): string {
  const { name, message, cause } = (err ?? {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { code?: unknown; message?: unknown };
  };
  if (name === 'TimeoutError') return `no answer within ${WEBHOOK_TIMEOUT_MS} ms`;
  if (typeof cause?.code === 'string') return `connection failed (${cause.code})`;
  // fetch refuses some ports outright (9, 25, 6000…): its cause says so, its message only "fetch failed".
  if (cause?.message === 'bad port') return 'port not allowed';
  return typeof message === 'string' ? message : 'request failed';
}
