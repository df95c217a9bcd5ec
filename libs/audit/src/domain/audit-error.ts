import { ErrorKind } from '../../../contracts/src/errors.js';
import { DubanError } from '../../../platform/src/errors/duban-error.js';

/** Stable codes of the audit context. */
export enum AuditErrorCode {
  UnknownCase = 'audit.unknown-case',
  MalformedMoment = 'audit.malformed-moment',
  BeforeCaseExisted = 'audit.before-case-existed',
  NoSuchStep = 'audit.no-such-step',
  InvalidPeriod = 'audit.invalid-period',
  HistoryUnavailable = 'audit.history-unavailable',
  ReplayUnavailable = 'audit.replay-unavailable',
  /** The case's steps were all recorded by the API, outside any workflow: there is nothing to replay. */
  NoWorkflow = 'audit.no-workflow',
}

export const unknownCase = (caseId: string) =>
  new DubanError(ErrorKind.NotFound, AuditErrorCode.UnknownCase, `no case ${caseId} on the ledger`);

export const auditInvalid = (code: AuditErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new DubanError(ErrorKind.UnprocessableContent, code, message, details);

/**
 * 422, not 503: a chain the API wrote alone (reporting-cycles, a bulletin's publication) will never have
 * a workflow history, so there is nothing to retry; its hash chain is what verifies it.
 */
export const noWorkflow = (caseId: string) =>
  new DubanError(
    ErrorKind.UnprocessableContent,
    AuditErrorCode.NoWorkflow,
    `no workflow ran case ${caseId}: its steps were recorded directly, so there is nothing to replay; ` +
      `verify its hash chain with /audit/cases/${caseId}/verify/ledger`,
    { caseId },
  );
