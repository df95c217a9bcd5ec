import { COUNTY_WIDE_ROLES, type Actor } from '../../../contracts/src/identity.js';

/**
 * Whether an actor may see a record owned by a unit (docs/domain.md §2): handlers and unit heads see their
 * own unit's work; supervisors, leaders, auditors and administrators see the county.
 */
export function canSeeUnit(actor: Actor, unitId: string): boolean {
  return COUNTY_WIDE_ROLES.includes(actor.role) || actor.unitId === unitId;
}
