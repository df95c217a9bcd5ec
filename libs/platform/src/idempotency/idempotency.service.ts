import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
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

/**
 * A key as the request that claimed it holds it. `claimedAt` is the claim's own timestamp from the
 * database: settling matches it, so a late settlement never touches a later claim of the same key.
 */
export interface IdempotencyHold extends IdempotencyScope {
  claimedAt: string;
  /** When the claim's lease ends, by this process's clock: settling is not tried after it. */
  leaseEndsAt: number;
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
  | { kind: 'claimed'; hold: IdempotencyHold }
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
/** How often a key that could not be settled (the database was down as its request ended) is tried again. */
export const SETTLE_RETRY_MS = 1_000;

/**
 * Idempotency records in PostgreSQL, so every API replica sees the same keys. A claim holds its key for
 * a lease of twice ENGINE_WAIT_SECONDS (a request waits on the engine at most that long, and the rest is
 * database work), then the key's retry takes it over. A request that could not settle its key (the
 * database was down as it ended) tries again every SETTLE_RETRY_MS while its lease lasts, so the retry
 * of a step taken during a short outage is answered as soon as the database is back, not after the
 * lease. A completed key is remembered for IDEMPOTENCY_TTL_HOURS from its first use.
 */
@Injectable()
export class IdempotencyService implements OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private readonly claimLeaseSeconds: number;
  /** Settlements waiting for the database, so that shutting down cancels them. */
  private readonly pendingSettlements = new Set<NodeJS.Timeout>();

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
         RETURNING created_at::text AS "claimedAt"`,
        [claim.userId, claim.key, claim.method, claim.path, claim.fingerprint, this.claimLeaseSeconds],
      );
      if (claimed.length > 0) {
        const [{ claimedAt }] = claimed as Array<{ claimedAt: string }>;
        const leaseEndsAt = Date.now() + this.claimLeaseSeconds * 1000;
        return { kind: 'claimed', hold: { userId: claim.userId, key: claim.key, claimedAt, leaseEndsAt } };
      }
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

  /**
   * Stores the request's answer on its key, or frees the key (null: a 5xx the client may retry). If the
   * database cannot be reached, it is tried again in the background while the lease lasts. It never
   * throws: a failure here must not replace the request's own outcome.
   */
  async settle(hold: IdempotencyHold, response: StoredResponse | null): Promise<void> {
    const failure = await this.failureSettling(hold, response);
    if (failure === undefined) return;
    this.logger.warn(
      { err: failure, userId: hold.userId },
      'an idempotency key could not be settled; trying again',
    );
    const again = () => {
      if (Date.now() >= hold.leaseEndsAt) {
        this.logger.warn({ userId: hold.userId }, 'an idempotency key was left to its lease');
        return;
      }
      const timer = setTimeout(() => {
        this.pendingSettlements.delete(timer);
        void this.failureSettling(hold, response).then((failed) => {
          if (failed === undefined)
            this.logger.log({ userId: hold.userId }, 'an idempotency key was settled late');
          else again();
        });
      }, SETTLE_RETRY_MS);
      timer.unref();
      this.pendingSettlements.add(timer);
    };
    again();
  }

  onModuleDestroy(): void {
    for (const timer of this.pendingSettlements) clearTimeout(timer);
    this.pendingSettlements.clear();
  }

  /** Stores the answer on the key. Callers use `settle`; public so a test can make the database refuse it. */
  async complete(hold: IdempotencyHold, response: StoredResponse): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_record SET state = 'completed', status_code = $4, response_body = $5::jsonb,
         expires_at = created_at + make_interval(hours => $6)
       WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND state = 'in_progress'`,
      [
        hold.userId,
        hold.key,
        hold.claimedAt,
        response.statusCode,
        JSON.stringify(response.body) ?? null,
        IDEMPOTENCY_TTL_HOURS,
      ],
    );
  }

  /** Frees the key, so that the client may retry a request that failed on our side. */
  async release(hold: IdempotencyHold): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_record
       WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND state = 'in_progress'`,
      [hold.userId, hold.key, hold.claimedAt],
    );
  }

  /** Settles the key; what went wrong if it could not (the database is down), else undefined. */
  private async failureSettling(hold: IdempotencyHold, response: StoredResponse | null): Promise<unknown> {
    try {
      await (response ? this.complete(hold, response) : this.release(hold));
      return undefined;
    } catch (err) {
      return err ?? new Error('settling failed');
    }
  }
}
