import { type StepRejection } from './errors.js';

/** The `type` of the failure an activity ends with when retrying cannot mend it (bad data, a bug). */
export const STEP_FAILED = 'engine.step-failed';

/** The incidents' own ledger chain: an admin's resolution of an incident is a step on it. */
export const INCIDENT_CASE_TYPE = 'incident';

/** What a failed step tells its caller: which incident to quote, and what kind of failure it was. */
export interface StepFailureDetails extends StepRejection {
  incidentId: string;
  errorType: string;
}
