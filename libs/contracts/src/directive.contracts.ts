import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { type Actor, type StepContext } from './identity.js';
import { type LedgerStep } from './ledger.js';

/**
 * A directive (督办通知) from the county food-safety office to a unit, which the unit acknowledges.
 * The smallest real case: it proves the path HTTP → Update → activity → projection + ledger.
 */
export const DIRECTIVE_CASE_TYPE = 'directive';
export const DIRECTIVE_ID_PREFIX = 'DB';

export const directiveWorkflowId = (directiveId: string) => `${DIRECTIVE_CASE_TYPE}/${directiveId}`;

export enum DirectiveStatus {
  Issued = 'issued',
  Acknowledged = 'acknowledged',
}

export enum DirectiveStep {
  Acknowledge = 'acknowledge',
}

export interface DirectiveState {
  id: string;
  title: string;
  body: string;
  assigneeUnitId: string;
  status: DirectiveStatus;
  issuedBy: string;
  issuedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  note: string | null;
  /** Ledger sequence of the last recorded step. */
  sequence: number;
}

export interface DirectiveView extends DirectiveState {
  /** The steps the asking actor may take now. */
  allowedSteps: DirectiveStep[];
}

export interface IssueDirectiveInput {
  id: string;
  title: string;
  body: string;
  assigneeUnitId: string;
  context: StepContext;
}

export interface AcknowledgeDirectiveInput {
  context: StepContext;
  note: string | null;
}

export const acknowledgeDirectiveUpdate = defineUpdate<DirectiveView, [AcknowledgeDirectiveInput]>(
  'acknowledgeDirective',
);
/** Sent with the start (update-with-start): returns once the issuing step is on the ledger. */
export const directiveIssuedUpdate = defineUpdate<DirectiveView, [Actor]>('directiveIssued');
export const directiveStateQuery = defineQuery<DirectiveView, [Actor | undefined]>('directiveState');

/** Activities the directive workflow calls; implemented by the worker with injected repositories. */
export interface DirectiveActivities {
  /** Writes the projection row and the ledger entry in one transaction; safe to retry. */
  recordDirectiveStep(step: LedgerStep<DirectiveState>): Promise<void>;
}
