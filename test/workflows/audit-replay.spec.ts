import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { replayCase } from '../../libs/audit/src/case-replay.js';
import { historyDigest } from '../../libs/audit/src/domain/dossier.js';
import { chain, ledgerWrittenBy, recordedRunOf, stepsWrittenBy } from '../helpers/audit-fixtures.js';
import { HISTORY_FIXTURES_DIR } from '../helpers/history-fixtures.js';
import { testBundlePath } from '../helpers/time-skipping.js';

describe('replay verification: today’s code against a recorded history and its ledger', () => {
  const fixtures = readdirSync(HISTORY_FIXTURES_DIR).filter((f) => f.endsWith('.json'));
  const workflowTypeOf = (file: string): string =>
    (
      recordedRunOf(file).history.events[0].workflowExecutionStartedEventAttributes as {
        workflowType: { name: string };
      }
    ).workflowType.name;
  // Case histories: those whose workflow writes ledger steps. Notifications and the reporting cycles'
  // schedule runs are not cases: they open cases (report requests) and write none themselves.
  const withoutCaseLedger = ['notificationWorkflow', 'monthlyDispatchWorkflow', 'quarterlyBulletinWorkflow'];
  const caseFixtures = fixtures.filter((f) => ledgerWrittenBy(recordedRunOf(f)).length > 0);

  it('checks every workflow type that keeps a case ledger', () => {
    const caseTypes = new Set(caseFixtures.map(workflowTypeOf));
    const allTypes = new Set(fixtures.map(workflowTypeOf));
    expect(caseTypes).toEqual(new Set([...allTypes].filter((t) => !withoutCaseLedger.includes(t))));
    expect(caseTypes.size).toBeGreaterThanOrEqual(3);
  });

  /**
   * Cases decided under rules decision 0019 changed, and where today's code first decides otherwise: a
   * refusal is flagged 以罚代刑 only when the threshold was met, the handover no longer closes the
   * referral, a late police clock notifies instead of raising a card. The history still replays (the
   * commands are patched); the audit says where today's rules part from the recorded decision.
   */
  const differentState = 'the replayed code computes a different state after the step';
  const decidedUnderEarlierRules: Record<string, { sequence: number; reason: string }> = {
    'referral-every-clock-expired.json': { sequence: 8, reason: differentState },
    'referral-reconsideration-supervision.json': { sequence: 11, reason: differentState },
    'referral-refused-by-head.json': { sequence: 4, reason: differentState },
    'risk-item-criminal-threshold-referral.json': { sequence: 7, reason: differentState },
    // A run reopened after a refusal: its first step's state before is the refused run's last state,
    // which a ledger built from this one run does not hold.
    'referral-refusal-found-unfounded.json': {
      sequence: 5,
      reason: 'the replayed step differs from the ledger entry (actor, reason, time or ids)',
    },
  };

  it.each(Object.entries(decidedUnderEarlierRules))(
    'replays %s and names the first step today’s rules decide otherwise',
    async (fixture, mismatch) => {
      const run = recordedRunOf(fixture);
      const verdict = await replayCase(testBundlePath(), [run], ledgerWrittenBy(run));
      expect(verdict).toMatchObject({ deterministic: true, reproduced: false, firstMismatch: mismatch });
    },
  );

  it.each(caseFixtures.filter((f) => !(f in decidedUnderEarlierRules)))(
    'reproduces every ledger step recorded in %s',
    async (fixture) => {
      const run = recordedRunOf(fixture);
      const ledger = ledgerWrittenBy(run);
      const verdict = await replayCase(testBundlePath(), [run], ledger);
      expect(verdict).toMatchObject({
        deterministic: true,
        firstMismatch: null,
        finalStateMatches: true,
        reproduced: true,
        replayedSteps: ledger.length,
      });
    },
  );

  it('names the first step whose recorded state the code does not reproduce', async () => {
    const run = recordedRunOf('risk-item-reject-then-accept.json');
    // A ledger that says step 3 left the item in another state (re-chained, so the chain itself holds).
    const ledger = chain(
      stepsWrittenBy(run).map((step) =>
        step.sequence === 3
          ? { ...step, stateAfter: { ...(step.stateAfter as object), status: 'closed' } }
          : step,
      ),
    );
    const verdict = await replayCase(testBundlePath(), [run], ledger);
    expect(verdict.deterministic).toBe(true);
    expect(verdict.reproduced).toBe(false);
    expect(verdict.firstMismatch).toMatchObject({
      sequence: 3,
      kind: 'different-state',
      reason: 'the replayed code computes a different state after the step',
    });
  });

  it('reports a history the code does not replay as nondeterministic, with the SDK’s reason', async () => {
    const run = recordedRunOf('risk-item-reject-then-accept.json');
    const events = structuredClone(run.history.events);
    const scheduled = events.find(
      (e) =>
        e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED' &&
        (e.activityTaskScheduledEventAttributes as { activityType: { name: string } }).activityType.name ===
          'planRiskItemDeadline',
    )!;
    (scheduled.activityTaskScheduledEventAttributes as { activityType: { name: string } }).activityType.name =
      'someOtherActivity';
    const history = { events };
    const verdict = await replayCase(
      testBundlePath(),
      [{ ...run, history, sha256: historyDigest(history) }],
      ledgerWrittenBy(run),
    );
    expect(verdict.deterministic).toBe(false);
    expect(verdict.reproduced).toBe(false);
    expect(verdict.runs[0].error).toMatch(/^nondeterministic: .*someOtherActivity/s);
  });
});
