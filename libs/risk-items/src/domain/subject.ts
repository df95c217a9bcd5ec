import {
  IDENTIFIERS_BY_KIND,
  SubjectIdentifier,
  SubjectKind,
  subjectKindOf,
  type HazardSubject,
} from '../../../contracts/src/subject.contracts.js';

/** GB 11643-1999: weights of the first 17 digits and the check character by sum mod 11. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECK = '10X98765432';

/** Why a resident identity number (居民身份证号码) is not one, or undefined. */
export function residentIdProblem(value: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits and a check digit or X';
  const sum = RESIDENT_ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  const expected = RESIDENT_ID_CHECK[sum % 11];
  return value[17] === expected ? undefined : `invalid check character; expected ${expected}`;
}

/** Codes kept by other registers (stall cards, parcels, water bodies): their formats vary by province. */
const REGISTER_CODE = /^[0-9A-Za-z-]{1,40}$/;

export interface SubjectProblem {
  path: string;
  message: string;
}

/** Only a registered business must show its credit code; other kinds have none or may give one. */
export function needsCreditCode(subject: Pick<HazardSubject, 'kind' | 'creditCode'>): boolean {
  return subjectKindOf(subject) === SubjectKind.RegisteredBusiness || (subject.creditCode ?? null) !== null;
}

/** What is wrong with a subject's identifiers: only those that fit its kind, each well formed. */
export function identifierProblems(subject: Pick<HazardSubject, 'kind' | 'identifiers'>): SubjectProblem[] {
  const kind = subjectKindOf(subject);
  // An unknown kind is refused on `kind` itself: no identifier can be said to fit it or not.
  if (!Object.hasOwn(IDENTIFIERS_BY_KIND, kind)) return [];
  const fitting = IDENTIFIERS_BY_KIND[kind];
  return Object.entries(subject.identifiers ?? {}).flatMap(([key, value]): SubjectProblem[] => {
    const path = `identifiers.${key}`;
    if (!fitting.includes(key as SubjectIdentifier)) {
      return [{ path, message: `${key} does not fit a subject of kind ${kind}` }];
    }
    if (typeof value !== 'string') return [{ path, message: `${key} must be a string` }];
    const problem =
      key === (SubjectIdentifier.ResidentId as string)
        ? residentIdProblem(value)
        : REGISTER_CODE.test(value)
          ? undefined
          : 'must be 1–40 letters, digits or hyphens';
    return problem ? [{ path, message: `${key} ${problem}` }] : [];
  });
}
