import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Context } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { type DirectiveActivities, type DirectiveState } from '../../contracts/src/directive.contracts.js';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';

@Injectable()
export class DirectiveActivitiesService implements DirectiveActivities {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
  ) {}

  async recordDirectiveStep(step: LedgerStep<DirectiveState>): Promise<void> {
    const s = step.stateAfter;
    await this.dataSource.transaction(async (tx) => {
      await this.ledger.append(tx, step);
      // Upsert guarded by sequence: a late retry of an older step never overwrites a newer projection.
      await tx.query(
        `INSERT INTO directive (id, title, body, assignee_unit_id, status, issued_by, issued_at,
                                acknowledged_by, acknowledged_at, note, last_sequence, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, acknowledged_by = EXCLUDED.acknowledged_by,
           acknowledged_at = EXCLUDED.acknowledged_at, note = EXCLUDED.note, last_sequence = EXCLUDED.last_sequence, updated_at = now()
         WHERE directive.last_sequence < EXCLUDED.last_sequence`,
        [
          s.id,
          s.title,
          s.body,
          s.assigneeUnitId,
          s.status,
          s.issuedBy,
          s.issuedAt,
          s.acknowledgedBy,
          s.acknowledgedAt,
          s.note,
          s.sequence,
        ],
      );
    });
    Context.current().log.info('directive step recorded', {
      requestId: step.requestId,
      caseId: step.caseId,
      sequence: step.sequence,
      action: step.action,
    });
  }
}
