import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';

/** How long a key is remembered, from its first use. */
export const IDEMPOTENCY_TTL_HOURS = 24;

/** Whose key it is: keys are unique per caller, not per route. */
export interface IdempotencyScope {
  userId: string;
  key: string;
}

export interface IdempotencyClaim extends IdempotencyScope {
  method: string;
  path: string;
  fingerprint: string;
}

export interface StoredResponse {
  statusCode: number;
  /** The JSON body; null when the response had none. */
  body: unknown;
}

export type ClaimOutcome =
  | { kind: 'claimed' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'in-progress' }
  | { kind: 'key-reused' };

interface RecordRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  response_body: unknown;
}

// A key can be freed between our INSERT and SELECT (the first request failed with a 5xx); claim again.
const CLAIM_ATTEMPTS = 3;

/**
 * Idempotency records in PostgreSQL, so every API replica sees the same keys. A claim holds its key for
 * a lease of twice ENGINE_WAIT_SECONDS (a request waits on the engine at most that long, and the rest is
 * database work), then the key's retry takes it over: a request that could not settle its key (the
 * database was down as it ended) frees it after the lease instead of after a day. A completed key is
 * remembered for IDEMPOTENCY_TTL_HOURS from its first use.
 */
@Injectable()
export class IdempotencyService {
  private readonly claimLeaseSeconds: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.claimLeaseSeconds = config.ENGINE_WAIT_SECONDS * 2;
  }

  /**
   * Claims the key for this request, or says what became of the request that claimed it first. The
   * unique key makes the claim atomic across concurrent requests; an expired record is taken over in
   * the same statement.
   */
  async claim(claim: IdempotencyClaim): Promise<ClaimOutcome> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_record (user_id, key, method, path, fingerprint, state, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'in_progress', now(), now() + make_interval(secs => $6))
         ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path,
           fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state, status_code = NULL, response_body = NULL,
           created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency_record.expires_at <= now()
         RETURNING 1`,
        [claim.userId, claim.key, claim.method, claim.path, claim.fingerprint, this.claimLeaseSeconds],
      );
      if (claimed.length > 0) return { kind: 'claimed' };
      const [existing]: RecordRow[] = await this.dataSource.query(
        `SELECT fingerprint, state, status_code, response_body FROM idempotency_record
         WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
        [claim.userId, claim.key],
      );
      if (!existing) continue;
      if (existing.fingerprint !== claim.fingerprint) return { kind: 'key-reused' };
      if (existing.state === 'in_progress' || existing.status_code === null) return { kind: 'in-progress' };
      return { kind: 'replay', response: { statusCode: existing.status_code, body: existing.response_body } };
    }
    return { kind: 'in-progress' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET state = 'completed', status_code = $3, response_body = $4::jsonb,
         expires_at = created_at + make_interval(hours => $5)
       WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`,
      [
        scope.userId,
        scope.key,
        response.statusCode,
        JSON.stringify(response.body) ?? null,
        IDEMPOTENCY_TTL_HOURS,
      ],
    );
  }

  /** Frees the key, so that the client may retry a request that failed on our side. */
  async release(scope: IdempotencyScope): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_record WHERE user_id = $1 AND key = $2 AND state = 'in_progress'`,
      [scope.userId, scope.key],
    );
  }
}
