import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type RefusalListener, type RefusedAction } from '../../contracts/src/refusal.js';
import { LedgerService } from './ledger.service.js';

export const REFUSED_ACTION_CASE_TYPE = 'refused-action';

/** One hash chain of refused privileged actions per day (Asia/Shanghai): `refused/2026-11-28`. */
export function refusalChainId(occurredAt: string): string {
  return `refused/${new Date(Date.parse(occurredAt) + 8 * 3600_000).toISOString().slice(0, 10)}`;
}

/** Ledgers every refused privileged action (who tried what, when, and why it was refused). */
@Injectable()
export class RefusalLedger implements RefusalListener {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async refused(action: RefusedAction): Promise<void> {
    const caseId = refusalChainId(action.occurredAt);
    await this.dataSource.transaction((tx) =>
      this.ledger.appendNext(tx, {
        caseType: REFUSED_ACTION_CASE_TYPE,
        caseId,
        actor: action.actor,
        action: `${action.method} ${action.route}`,
        reason: `${action.code}: ${action.detail}`,
        stateBefore: null,
        stateAfter: { method: action.method, route: action.route, params: action.params, code: action.code },
        occurredAt: action.occurredAt,
        workflowId: caseId,
        runId: '-',
        requestId: action.requestId,
      }),
    );
  }
}
