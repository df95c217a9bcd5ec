import { type EntityManager } from 'typeorm';

/** One row of escalation_event: a case gone late, the fact a colour card is raised from. */
export interface EscalationEventRow {
  key: string;
  caseType: string;
  caseId: string;
  unitId: string;
  reason: string;
  occurredAt: string;
}

/**
 * Writes the escalation inside the transaction that ledgers the late step. Idempotent by key, so a
 * retried activity records it once.
 */
export async function insertEscalationEvent(tx: EntityManager, event: EscalationEventRow): Promise<void> {
  await tx.query(
    `INSERT INTO escalation_event (key, case_type, case_id, unit_id, reason, occurred_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
    [event.key, event.caseType, event.caseId, event.unitId, event.reason, event.occurredAt],
  );
}
