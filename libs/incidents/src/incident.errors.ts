import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';

export enum IncidentErrorCode {
  NotFound = 'incident.not-found',
  AlreadyResolved = 'incident.already-resolved',
}

export const incidentNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, IncidentErrorCode.NotFound, `No incident ${id}`);

export const incidentAlreadyResolved = (id: string) =>
  new DubanError(ErrorKind.Conflict, IncidentErrorCode.AlreadyResolved, `Incident ${id} is already resolved`);
