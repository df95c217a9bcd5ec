import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { nameInUseMessage } from './domain/unit-names.js';

export enum IdentityErrorCode {
  UnknownUnit = 'identity.unknown-unit',
  InactiveUnit = 'identity.inactive-unit',
  PersonNotFound = 'identity.person-not-found',
  UsernameTaken = 'identity.username-taken',
  LastAdmin = 'identity.last-admin',
  UnitIdTaken = 'identity.unit-id-taken',
  /** Two units in use under one Chinese name: every unit select would offer both alike. */
  UnitNameTaken = 'identity.unit-name-taken',
  UnitNotFound = 'identity.unit-not-found',
  UnitCycle = 'identity.unit-cycle',
  TokenNotFound = 'identity.token-not-found',
}

export const personNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, IdentityErrorCode.PersonNotFound, `No person ${id}`);
export const usernameTaken = (username: string) =>
  new DubanError(
    ErrorKind.Conflict,
    IdentityErrorCode.UsernameTaken,
    `The username ${username} is taken`,
    {},
    [{ path: 'username', message: 'is taken' }],
  );
export const lastAdmin = () =>
  new DubanError(
    ErrorKind.Conflict,
    IdentityErrorCode.LastAdmin,
    'This is the last active administrator: make someone else an administrator first',
  );
export const unknownUnit = (unitId: string, fieldPath: string) =>
  new DubanError(ErrorKind.Validation, IdentityErrorCode.UnknownUnit, `Unknown unit: ${unitId}`, {}, [
    { path: fieldPath, message: `unit ${unitId} does not exist` },
  ]);
export const inactiveUnit = (unitId: string, fieldPath: string) =>
  new DubanError(
    ErrorKind.Validation,
    IdentityErrorCode.InactiveUnit,
    `The unit ${unitId} is deactivated`,
    {},
    [{ path: fieldPath, message: `unit ${unitId} is deactivated` }],
  );
export const unitNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, IdentityErrorCode.UnitNotFound, `No unit ${id}`);
export const unitIdTaken = (id: string) =>
  new DubanError(ErrorKind.Conflict, IdentityErrorCode.UnitIdTaken, `A unit ${id} exists already`, {}, [
    { path: 'id', message: 'is taken' },
  ]);
export const unitNameTaken = (nameZh: string, other: { id: string; nameZh: string }) =>
  new DubanError(
    ErrorKind.Conflict,
    IdentityErrorCode.UnitNameTaken,
    `The unit ${other.id} in use is named ${nameZh} already`,
    { unitId: other.id },
    [{ path: 'nameZh', message: nameInUseMessage(other) }],
  );
export const unitCycle = (id: string, parentId: string) =>
  new DubanError(
    ErrorKind.Validation,
    IdentityErrorCode.UnitCycle,
    `Unit ${parentId} cannot be the parent of ${id}: it is ${id} itself or below it`,
    {},
    [{ path: 'parentId', message: 'would make a cycle' }],
  );
export const tokenNotFound = (id: string) =>
  new DubanError(ErrorKind.NotFound, IdentityErrorCode.TokenNotFound, `No access token ${id}`);
