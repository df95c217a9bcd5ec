import { describe, expect, it } from '@jest/globals';
import { ALL_ROLES, COUNTY_WIDE_ROLES, Role, type Actor } from '../../../libs/contracts/src/identity.js';
import { canSeeUnit } from '../../../libs/identity/src/domain/access-policy.js';

const actor = (role: Role, unitId = 'fso'): Actor => ({ userId: `u-${role}`, role, unitId });

const UNIT_BOUND: Role[] = [Role.Handler, Role.UnitHead, Role.PoliceLiaison];
const COUNTY_WIDE: Role[] = [Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

describe('canSeeUnit', () => {
  it('is specified for every role there is', () => {
    expect([...UNIT_BOUND, ...COUNTY_WIDE].sort()).toEqual([...ALL_ROLES].sort());
    expect(ALL_ROLES).toHaveLength(7);
  });

  it('has exactly supervisor, leader, auditor and admin as county-wide roles', () => {
    expect([...COUNTY_WIDE_ROLES].sort()).toEqual([...COUNTY_WIDE].sort());
  });

  describe.each(UNIT_BOUND)('a %s', (role) => {
    it('sees its own unit', () => {
      expect(canSeeUnit(actor(role, 'fso'), 'fso')).toBe(true);
    });

    it('does not see another unit', () => {
      expect(canSeeUnit(actor(role, 'fso'), 'agri')).toBe(false);
    });

    it('does not see a unit whose id only differs in case', () => {
      expect(canSeeUnit(actor(role, 'fso'), 'FSO')).toBe(false);
    });
  });

  describe.each(COUNTY_WIDE)('a %s', (role) => {
    it('sees its own unit', () => {
      expect(canSeeUnit(actor(role, 'county'), 'county')).toBe(true);
    });

    it('sees any other unit', () => {
      expect(canSeeUnit(actor(role, 'county'), 'fso')).toBe(true);
      expect(canSeeUnit(actor(role, 'county'), 'agri')).toBe(true);
    });
  });

  it.each(ALL_ROLES.map((role) => [role, COUNTY_WIDE.includes(role)] as const))(
    'for role %s, seeing another unit is %s',
    (role, expected) => {
      expect(canSeeUnit(actor(role, 'fso'), 'market')).toBe(expected);
    },
  );
});
