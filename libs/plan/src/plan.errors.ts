import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import { type PlanProblem } from './plan-parser.js';

export enum PlanErrorCode {
  NotLoaded = 'plan.not-loaded',
  VersionNotFound = 'plan.version-not-found',
  Invalid = 'plan.invalid',
}

export const planNotLoaded = () =>
  new DubanError(ErrorKind.NotFound, PlanErrorCode.NotLoaded, 'No campaign plan has been loaded yet');

export const planVersionNotFound = (version: number) =>
  new DubanError(ErrorKind.NotFound, PlanErrorCode.VersionNotFound, `No plan version ${version}`);

/** 422: the request is well-formed, the plan it carries is not. Every problem is listed with its line. */
export const invalidPlan = (problems: PlanProblem[]) =>
  new DubanError(
    ErrorKind.UnprocessableContent,
    PlanErrorCode.Invalid,
    `The plan has ${problems.length} problem(s); nothing was loaded`,
    {},
    problems,
  );
