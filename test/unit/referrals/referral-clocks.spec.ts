import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHolidayTable } from '../../../libs/calendar/src/holiday-table.loader.js';
import { ReferralClock } from '../../../libs/contracts/src/referral.contracts.js';
import {
  planReferralClock,
  type ReferralPolicy,
} from '../../../libs/referrals/src/domain/referral-policy.js';
import {
  defaultReferralPolicyFile,
  loadReferralPolicy,
} from '../../../libs/referrals/src/referral-policy.loader.js';

const table = loadHolidayTable({ provisionalYearsAhead: 1 });
const policy = loadReferralPolicy();
const dir = mkdtempSync(join(tmpdir(), 'duban-referral-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plan = (clock: ReferralClock, from: string, p: ReferralPolicy = policy) =>
  planReferralClock(p, clock, from, table);
/** 24:00 of a Shanghai day, as the UTC instant a day clock ends at. */
const endOf = (day: string) => new Date(Date.parse(`${day}T24:00:00+08:00`)).toISOString();

describe('referral clocks against the platform calendar', () => {
  // Saturday 2024-09-28, a report received in the morning; 10-01…10-07 are the National Day holiday.
  const saturday = '2024-09-28T10:00:00+08:00';

  it.each([
    [ReferralClock.Decision, '2024-10-08'],
    [ReferralClock.Completion, '2024-10-08'],
    [ReferralClock.DecisionNotice, '2024-10-08'],
    [ReferralClock.ReconsiderationRequest, '2024-10-08'],
    [ReferralClock.ReconsiderationDecision, '2024-10-08'],
    [ReferralClock.SupervisionRequest, '2024-10-08'],
    [ReferralClock.Handover, '2024-10-08'],
    [ReferralClock.FilingDecision, '2024-10-08'],
    // 7 d ends on 10-05, a holiday: moved to the day after the holiday ends.
    [ReferralClock.PoliceExplanation, '2024-10-08'],
    [ReferralClock.FilingDecisionFoodDrug, '2024-10-08'],
    [ReferralClock.FilingAfterOrder, '2024-10-14'],
    [ReferralClock.FilingDecisionMajor, '2024-10-28'],
    // The second extension counts from acceptance: 30 + 30 days.
    [ReferralClock.FilingDecisionExtension, '2024-11-27'],
  ])('%s from Saturday 2024-09-28 ends at 24:00 on %s', (clock, day) => {
    const planned = plan(clock, saturday);
    expect(planned.dueAt).toBe(endOf(day));
    expect(planned.startedAt).toBe(saturday);
  });

  it.each([ReferralClock.Transfer, ReferralClock.Receipt, ReferralClock.IncompleteNotice])(
    '%s is 24 hours exactly, holiday or not',
    (clock) => {
      const planned = plan(clock, '2024-09-30T15:30:00+08:00');
      expect(planned.dueAt).toBe('2024-10-01T07:30:00.000Z');
      expect(planned.rule.en).toContain('24 hours');
    },
  );

  it('shows the rule that produced the due time with its legal basis, certainty and policy version', () => {
    const planned = plan(ReferralClock.Decision, saturday);
    expect(planned).toMatchObject({
      party: 'regulator',
      basis: 'R art. 5',
      sure: 'V',
      policyVersion: policy.version,
    });
    expect(planned.rule.en).toContain('R art. 5');
    expect(planned.rule.en).toContain('2024-10-08');
    expect(planned.rule.zh).toContain('负责人审批');
    expect(plan(ReferralClock.FilingDecisionFoodDrug, saturday)).toMatchObject({
      party: 'police',
      sure: 'S',
    });
    expect(plan(ReferralClock.FilingDecisionExtension, saturday).rule.en).toContain('(30 + 30)');
  });

  it('counts working-day clocks by the calendar, make-up working Sunday 2024-09-29 included', () => {
    const workdays: ReferralPolicy = {
      ...policy,
      clocks: policy.clocks.map((c) =>
        c.step === ReferralClock.Completion ? { ...c, unit: 'workdays' } : c,
      ),
    };
    // Fri 09-27 → Sun 09-29 (调休, 1), Mon 09-30 (2), holiday 10-01…07, Tue 10-08 (3).
    expect(plan(ReferralClock.Completion, '2024-09-27T09:00:00+08:00', workdays).dueAt).toBe(
      endOf('2024-10-08'),
    );
    // An ordinary week: Mon 2024-11-04 + 3 working days = Thu 11-07.
    expect(plan(ReferralClock.Completion, '2024-11-04T09:00:00+08:00', workdays).dueAt).toBe(
      endOf('2024-11-07'),
    );
  });

  it('holds every clock of the process, each with a basis and a certainty mark', () => {
    expect(policy.clocks.map((c) => c.step).sort()).toEqual(Object.values(ReferralClock).sort());
    for (const clock of policy.clocks) {
      expect(clock.basis.length).toBeGreaterThan(0);
      expect(['V', 'S']).toContain(clock.sure);
    }
    expect(policy.requiredDossier).toEqual([
      'transfer-letter',
      'investigation-report',
      'seized-items-list',
      'test-reports',
      'procuratorate-copy',
    ]);
  });

  const raw = () => JSON.parse(readFileSync(defaultReferralPolicyFile(), 'utf8')) as ReferralPolicy;
  const write = (body: unknown, name: string) => {
    const file = join(dir, `${name}.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  it('refuses a policy that misses a clock or names one twice', () => {
    const body = raw();
    const missing = { ...body, clocks: body.clocks.filter((c) => c.step !== ReferralClock.Handover) };
    expect(() => loadReferralPolicy(write(missing, 'missing'))).toThrow('clock handover appears 0 times');
    const twice = { ...body, clocks: [...body.clocks, body.clocks[0]] };
    expect(() => loadReferralPolicy(write(twice, 'twice'))).toThrow('clock form-team appears 2 times');
  });

  it('refuses an unknown unit, a missing basis or an unknown dossier item, naming the path', () => {
    const body = raw();
    const badUnit = { ...body, clocks: body.clocks.map((c, i) => (i === 0 ? { ...c, unit: 'weeks' } : c)) };
    expect(() => loadReferralPolicy(write(badUnit, 'unit'))).toThrow('clocks[0].unit');
    const noBasis = { ...body, clocks: body.clocks.map((c, i) => (i === 1 ? { ...c, basis: '' } : c)) };
    expect(() => loadReferralPolicy(write(noBasis, 'basis'))).toThrow('clocks[1].basis');
    const badSure = { ...body, clocks: body.clocks.map((c, i) => (i === 2 ? { ...c, sure: 'X' } : c)) };
    expect(() => loadReferralPolicy(write(badSure, 'sure'))).toThrow('clocks[2].sure');
    expect(() => loadReferralPolicy(write({ ...body, requiredDossier: ['photo'] }, 'dossier'))).toThrow(
      'requiredDossier',
    );
  });
});
