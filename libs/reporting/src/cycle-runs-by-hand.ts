import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, type StepContext } from '../../contracts/src/identity.js';
import { type ReportingCycle } from '../../contracts/src/reporting.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

/**
 * Every cycle run a person starts by hand (立即运行) or backfills is one chain of its own on the ledger:
 * the schedule's own runs are Temporal's, but a run started now or over a past window opens report
 * requests for every unit, so the county must be able to say who asked for it, when and why.
 */
export const CYCLE_RUNS_CASE_TYPE = 'reporting-cycle-run';
export const CYCLE_RUNS_CASE_ID = 'reporting-cycles';

/** What a run started by hand was: now (its workflow) or over a past window. */
export type CycleRunRequest =
  | { kind: 'trigger'; cycle: ReportingCycle; workflowId: string }
  | { kind: 'backfill'; cycle: ReportingCycle; from: string; to: string };

/** A run started by hand, as the schedules' view lists it. */
export type CycleRunByHand = CycleRunRequest & {
  at: string;
  by: Pick<Actor, 'userId' | 'role' | 'unitId'>;
  reason: string;
};

/** How many of a cycle's runs by hand the schedules' view lists, newest first. */
const LISTED_RUNS_BY_HAND = 10;

@Injectable()
export class CycleRunsByHand {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * On the ledger before the run starts: a run that then fails to start (Temporal down) leaves its
   * request on the chain, and the person an error; the run's own steps are on their cases' chains.
   */
  async record(request: CycleRunRequest, context: StepContext & { reason: string }): Promise<void> {
    await this.dataSource.transaction((tx) =>
      this.ledger.appendNext(tx, {
        caseType: CYCLE_RUNS_CASE_TYPE,
        caseId: CYCLE_RUNS_CASE_ID,
        actor: context.actor,
        action: request.kind === 'trigger' ? 'trigger-cycle' : 'backfill-cycle',
        reason: context.reason,
        stateBefore: null,
        stateAfter: request,
        occurredAt: new Date().toISOString(),
        workflowId: CYCLE_RUNS_CASE_ID,
        runId: NO_WORKFLOW_RUN,
        requestId: context.requestId,
      }),
    );
  }

  /** The cycle's latest runs by hand, newest first. */
  async latest(cycle: ReportingCycle): Promise<CycleRunByHand[]> {
    const rows: Array<{
      occurred_at: Date;
      actor_id: string;
      actor_role: Actor['role'];
      actor_unit: string;
      reason: string;
      state_after: CycleRunRequest;
    }> = await this.dataSource.query(
      `SELECT occurred_at, actor_id, actor_role, actor_unit, reason, state_after FROM ledger_entry
        WHERE case_id = $1 AND state_after->>'cycle' = $2
        ORDER BY sequence DESC LIMIT $3`,
      [CYCLE_RUNS_CASE_ID, cycle, LISTED_RUNS_BY_HAND],
    );
    return rows.map((row) => ({
      ...row.state_after,
      at: row.occurred_at.toISOString(),
      by: { userId: row.actor_id, role: row.actor_role, unitId: row.actor_unit },
      reason: row.reason,
    }));
  }
}
