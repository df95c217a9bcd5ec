import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type LedgerEntryEntity } from './ledger-entry.entity.js';

/** A ledger entry as the API shows it: who, when, what and why, with its place in the hash chain. */
export class LedgerEntryView {
  @ApiProperty({ example: 2 }) sequence: number;
  @ApiProperty({ example: 'acknowledge' }) action: string;
  @ApiProperty({ example: { userId: 'handler.amr', role: 'handler', unitId: 'amr' } })
  actor: { userId: string; role: string; unitId: string };
  @ApiPropertyOptional({ example: null, nullable: true, type: String }) reason: string | null;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.120Z' }) recordedAt: string;
  @ApiPropertyOptional({ nullable: true }) stateBefore: unknown;
  @ApiProperty() stateAfter: unknown;
  @ApiProperty({ example: 'directive/DB-2026-000001' }) workflowId: string;
  @ApiProperty() runId: string;
  @ApiProperty() requestId: string;
  @ApiProperty({ example: '0000000000000000000000000000000000000000000000000000000000000000' })
  prevHash: string;
  @ApiProperty() hash: string;
}

export function toLedgerEntryView(e: LedgerEntryEntity): LedgerEntryView {
  return {
    sequence: e.sequence,
    action: e.action,
    actor: { userId: e.actorId, role: e.actorRole, unitId: e.actorUnit },
    reason: e.reason,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    stateBefore: e.stateBefore,
    stateAfter: e.stateAfter,
    workflowId: e.workflowId,
    runId: e.runId,
    requestId: e.requestId,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
