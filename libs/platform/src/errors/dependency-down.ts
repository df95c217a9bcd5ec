import { isGrpcServiceError } from '@temporalio/client';

/** gRPC status codes of a Temporal frontend that does not answer (UNAVAILABLE, DEADLINE_EXCEEDED). */
const TEMPORAL_DOWN = new Set([14, 4]);
/** Socket errors of a server that is not there, and PostgreSQL's connection-exception and shutdown states. */
const SOCKET_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const POSTGRES_DOWN = /^(08\w{3}|57P0[123]|53300)$/;

/**
 * Which dependency an error says is down ('temporal' or 'postgres'), looking through its causes; a
 * client should retry later (503), not report a bug (500).
 */
export function downDependencyIn(error: unknown): 'temporal' | 'postgres' | undefined {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (isGrpcServiceError(cause)) return TEMPORAL_DOWN.has(cause.code) ? 'temporal' : undefined;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && (SOCKET_DOWN.has(code) || POSTGRES_DOWN.test(code))) return 'postgres';
    if (cause.message.startsWith('Connection terminated')) return 'postgres';
  }
  return undefined;
}
