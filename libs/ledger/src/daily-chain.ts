import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../contracts/src/identity.js';
import { LedgerService } from './ledger.service.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

/**
 * The daily chains kept beside the cases: refused privileged actions, auditors' reads, and changes to
 * people, units, sessions, tokens and webhooks (`identity`, written by libs/identity's IdentityLedger).
 */
export enum DailyChainKind {
  Refused = 'refused',
  Access = 'access',
  Identity = 'identity',
}

/** One hash chain per kind and day (Asia/Shanghai): `refused/2026-11-28`, `access/2026-11-28`. */
export function dailyChainId(kind: DailyChainKind, occurredAt: string): string {
  return `${kind}/${new Date(Date.parse(occurredAt) + 8 * 3600_000).toISOString().slice(0, 10)}`;
}

/** A request worth keeping: who did what to which route, and when. Never a body. */
export interface ChainedRequest {
  actor: Actor;
  method: string;
  route: string;
  params: Record<string, string>;
  requestId: string;
  occurredAt: string;
  reason: string | null;
  /** What else the chain keeps about the request (e.g. the refusal code, the query). */
  details: Record<string, unknown>;
}

/** Appends requests to the day's chain of a kind, at the next free sequence. */
@Injectable()
export class DailyChainLedger {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async append(kind: DailyChainKind, caseType: string, request: ChainedRequest): Promise<void> {
    const caseId = dailyChainId(kind, request.occurredAt);
    await this.dataSource.transaction((tx) =>
      this.ledger.appendNext(tx, {
        caseType,
        caseId,
        actor: request.actor,
        action: `${request.method} ${request.route}`,
        reason: request.reason,
        stateBefore: null,
        stateAfter: {
          method: request.method,
          route: request.route,
          params: request.params,
          ...request.details,
        },
        occurredAt: request.occurredAt,
        workflowId: caseId,
        runId: NO_WORKFLOW_RUN,
        requestId: request.requestId,
      }),
    );
  }
}
