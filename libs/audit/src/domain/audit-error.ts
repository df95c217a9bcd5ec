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
}

export const unknownCase = (caseId: string) =>
  new DubanError(ErrorKind.NotFound, AuditErrorCode.UnknownCase, `no case ${caseId} on the ledger`);

export const auditInvalid = (code: AuditErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new DubanError(ErrorKind.UnprocessableContent, code, message, details);
