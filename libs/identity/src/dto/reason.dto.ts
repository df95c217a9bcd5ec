import { ReasonField } from '../../../platform/src/http/reason-fields.js';

/** The body of a step that needs only its why: deactivate, reactivate, reset, revoke. */
export class IdentityReasonDto {
  @ReasonField('人员调离 / 单位撤并')
  reason: string;
}
