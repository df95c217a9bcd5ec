import { SetMetadata } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../json/canonical-json.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';

/** The methods whose repetition could change state twice; only these honour a key. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const KEY = '[A-Za-z0-9_.:-]{1,128}';
// The IETF draft makes the header a structured-field string ("…"); plain tokens are what most clients send.
const KEY_HEADER = new RegExp(`^(?:"(${KEY})"|(${KEY}))$`);

/** The key a header carries, or undefined when the header is malformed (or repeated). */
export function parseIdempotencyKey(header: string | string[]): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = KEY_HEADER.exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * What a key is bound to: method, path and body. Canonical JSON, so a client that reorders the keys of
 * the same body is still repeating the same request.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${path}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** Metadata key of routes whose answer holds a secret shown once (a password, a token, an identity). */
export const ANSWER_NOT_REPLAYABLE = 'duban:answer-not-replayable';

/**
 * The route's answer holds a secret shown once: it is never stored for a replay (the idempotency
 * record is plain text), so the route refuses an Idempotency-Key rather than keep the secret.
 */
export const AnswerNotReplayable = (): MethodDecorator => SetMetadata(ANSWER_NOT_REPLAYABLE, true);
