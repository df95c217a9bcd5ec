import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LedgerEntryView } from '../../../ledger/src/ledger-entry.view.js';
import { type RunReplay, type ReplayVerdict } from '../case-replay.js';
import {
  STEP_MISMATCH_KINDS,
  type StepMismatch,
  type StepMismatchKind,
} from '../domain/replay-comparison.js';
import { type TimelineActor, type TimelineEntry, type TimelineKind } from '../domain/history-events.js';

// OpenAPI shapes of the audit answers; each implements the domain type it documents, so they stay in step.

const TIMELINE_KINDS: TimelineKind[] = [
  'ledger-step',
  'workflow-started',
  'workflow-closed',
  'continued-as-new',
  'timer-fired',
  'signal',
  'update',
  'escalation',
  'notification',
  'child-workflow',
  'activity',
  'activity-failed',
];

class TimelineActorView implements TimelineActor {
  @ApiProperty({ example: 'supervisor.fso' }) userId: string;
  @ApiProperty({ example: 'supervisor' }) role: string;
  @ApiProperty({ example: 'fso' }) unitId: string;
}

export class TimelineEntryView implements TimelineEntry {
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) at: string;
  @ApiProperty({
    enum: ['ledger', 'temporal', 'inbox'],
    description:
      'inbox: a notification of the case as written to its recipients (one entry per notification)',
  })
  source: 'ledger' | 'temporal' | 'inbox';
  @ApiProperty({ enum: TIMELINE_KINDS }) kind: TimelineKind;
  @ApiProperty({ example: 'step 5: reject' }) summary: string;
  @ApiProperty({ type: TimelineActorView }) actor: TimelineActorView;
  @ApiPropertyOptional({ nullable: true, type: String, example: '复查仍有过期食品' }) reason: string | null;
  @ApiProperty({ example: 'risk-item/FX-2026-000123' }) workflowId: string;
  @ApiProperty() runId: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'ledger sequence (ledger entries)' })
  sequence: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'history event id (Temporal events)' })
  eventId: number | null;
}

export class CaseTimelineView {
  @ApiProperty({ example: 'FX-2026-000123' }) caseId: string;
  @ApiProperty({ example: 'risk-item' }) caseType: string;
  @ApiProperty({ type: [TimelineEntryView] }) items: TimelineEntryView[];
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 50 }) pageSize: number;
  @ApiProperty({ example: 23 }) total: number;
}

export class CaseStateView {
  @ApiProperty({ example: 'FX-2026-000123' }) caseId: string;
  @ApiProperty({ example: 'risk-item' }) caseType: string;
  @ApiProperty({ example: 2, description: 'the step whose recorded state was current' }) sequence: number;
  @ApiProperty({ example: 'assign' }) action: string;
  @ApiProperty({ example: '2026-11-28T03:15:00.000Z' }) occurredAt: string;
  @ApiProperty({ description: 'the state after that step, as the ledger recorded it' }) state: unknown;
}

class StateChangeView {
  @ApiProperty({ example: 'deadline.dueAt' }) path: string;
  @ApiProperty({ enum: ['added', 'removed', 'changed'] }) op: string;
  @ApiPropertyOptional() before?: unknown;
  @ApiPropertyOptional() after?: unknown;
}

export class CaseDiffView {
  @ApiProperty() caseId: string;
  @ApiProperty({ type: CaseStateView }) from: CaseStateView;
  @ApiProperty({ type: CaseStateView }) to: CaseStateView;
  @ApiProperty({ type: [StateChangeView] }) changes: StateChangeView[];
}

class RunReplayView implements RunReplay {
  @ApiProperty() workflowId: string;
  @ApiProperty() runId: string;
  @ApiProperty() deterministic: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'nondeterministic: [TMPRL1100] …' })
  error: string | null;
}

class StepMismatchView implements StepMismatch {
  @ApiProperty({ example: 3 }) sequence: number;
  @ApiProperty({
    enum: STEP_MISMATCH_KINDS,
    description:
      'not-replayed: the ledger has the step, the replayed code does not write it; not-on-ledger: the ' +
      'reverse; different-action, different-state; different-entry: the actor, reason, time or ids differ',
  })
  kind: StepMismatchKind;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'verify' }) ledgerAction: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'verify' }) replayedAction: string | null;
  @ApiProperty({ example: 'the replayed code computes a different state after the step' }) reason: string;
}

export class ReplayVerdictView implements ReplayVerdict {
  @ApiProperty() caseId: string;
  @ApiProperty({ description: 'every run replayed without a nondeterminism or other error' })
  deterministic: boolean;
  @ApiProperty({ type: [RunReplayView] }) runs: RunReplayView[];
  @ApiProperty({ description: 'ledger steps the replayed code wrote' }) replayedSteps: number;
  @ApiProperty() ledgerEntries: number;
  @ApiPropertyOptional({ type: StepMismatchView, nullable: true }) firstMismatch: StepMismatchView | null;
  @ApiProperty() finalStateMatches: boolean;
  @ApiProperty({ description: 'deterministic, every step reproduced and the final state matches' })
  reproduced: boolean;
}

export class ChainVerdictView {
  @ApiProperty() intact: boolean;
  @ApiProperty({ example: 7 }) entries: number;
  @ApiPropertyOptional({ description: 'the chain head (intact chains)' }) head?: string;
  @ApiPropertyOptional({ description: 'first broken sequence' }) brokenAt?: number;
  @ApiPropertyOptional({ example: 'content does not match its hash (the entry was altered)' })
  reason?: string;
}

export class CaseChainVerdictView extends ChainVerdictView {
  @ApiProperty() caseId: string;
}

class BrokenChainView {
  @ApiProperty() caseId: string;
  @ApiProperty() brokenAt: number;
  @ApiProperty() reason: string;
}

export class PeriodVerdictView {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() casesChecked: number;
  @ApiProperty() intact: boolean;
  @ApiProperty({ type: [BrokenChainView] }) broken: BrokenChainView[];
}

export class DailyChainView {
  @ApiProperty({ example: 'access/2026-11-28' }) chainId: string;
  @ApiProperty({ type: ChainVerdictView }) verdict: ChainVerdictView;
  @ApiProperty({ type: [LedgerEntryView] }) entries: LedgerEntryView[];
}
