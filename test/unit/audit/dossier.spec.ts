import { describe, expect, it } from '@jest/globals';
import { type LedgerStep } from '../../../libs/contracts/src/ledger.js';
import {
  checkDossier,
  documentsOnLedger,
  DOSSIER_FORMAT,
  historyDigest,
  type Dossier,
} from '../../../libs/audit/src/domain/dossier.js';
import {
  compareReplayedSteps,
  withoutFieldsAddedSince,
} from '../../../libs/audit/src/domain/replay-comparison.js';
import { chain } from '../../helpers/audit-fixtures.js';

const SHA = 'ab'.repeat(32);
const step = (sequence: number, stateAfter: unknown, runId = 'run-1'): LedgerStep => ({
  caseType: 'risk-item',
  caseId: 'FX-2026-000001',
  sequence,
  actor: { userId: 'system', role: 'system', unitId: 'system' },
  action: `step-${sequence}`,
  reason: null,
  stateBefore: null,
  stateAfter,
  occurredAt: `2026-11-28T02:00:0${sequence}.000Z`,
  workflowId: 'risk-item/FX-2026-000001',
  runId,
  requestId: `r-${sequence}`,
});
const steps = [
  step(1, { status: 'registered' }),
  step(2, {
    status: 'submitted',
    evidence: [{ fileName: 'a.jpg', mediaType: 'image/jpeg', size: 3, sha256: SHA }],
  }),
  step(3, {
    status: 'closed',
    evidence: [{ fileName: 'a.jpg', mediaType: 'image/jpeg', size: 3, sha256: SHA }],
  }),
];
const history = {
  events: [
    { eventId: '1', eventTime: '2026-11-28T02:00:00Z', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' },
  ],
};

function dossier(): Dossier {
  // A copy per test: tests alter it.
  const ledger = structuredClone(chain(steps));
  return {
    format: DOSSIER_FORMAT,
    caseId: 'FX-2026-000001',
    caseType: 'risk-item',
    exportedAt: '2026-11-28T03:00:00.000Z',
    chainHead: { sequence: 3, hash: ledger[2].hash },
    ledger,
    histories: [
      {
        workflowId: 'risk-item/FX-2026-000001',
        runId: 'run-1',
        source: 'archive',
        sha256: historyDigest(history),
        history: structuredClone(history),
      },
    ],
    documents: documentsOnLedger(ledger),
  };
}
const check = (d: unknown) => checkDossier(JSON.stringify(d));

describe('checkDossier', () => {
  it('accepts an intact dossier', () => {
    expect(check(dossier())).toMatchObject({ ok: true, problems: [] });
  });

  it('says a cut-off file is not complete JSON', () => {
    const text = JSON.stringify(dossier());
    expect(checkDossier(text.slice(0, 200)).problems[0]).toMatch(
      /^the file is not complete JSON \(truncated or corrupted\): /,
    );
  });

  it('refuses other files', () => {
    expect(check({ hello: 1 }).problems).toEqual([
      `the file is not a Duban dossier (format must be '${DOSSIER_FORMAT}')`,
    ]);
    expect(check({ format: DOSSIER_FORMAT, caseId: 'x' }).problems).toEqual([
      'the dossier lacks chainHead, ledger, histories, documents',
    ]);
    expect(check({ ...dossier(), ledger: [] }).problems).toEqual(['the dossier has no ledger entries']);
  });

  it('finds an altered entry by the first broken link', () => {
    const d = dossier();
    (d.ledger[1].stateAfter as { status: string }).status = 'closed';
    expect(check(d).problems).toEqual([
      'ledger chain broken at sequence 2: content does not match its hash (the entry was altered)',
    ]);
  });

  it('finds entries cut from the end against the chain head', () => {
    const d = dossier();
    d.ledger.pop();
    expect(check(d).problems[0]).toMatch(
      /^the ledger ends at sequence 2 .* but the chain head is sequence 3 .*entries are missing or were replaced$/,
    );
  });

  it('finds a removed entry in the middle', () => {
    const d = dossier();
    d.ledger.splice(1, 1);
    expect(check(d).problems).toEqual(['ledger chain broken at sequence 3: expected sequence 2, found 3']);
  });

  it('finds an altered, missing or foreign history', () => {
    const altered = dossier();
    altered.histories[0].history.events[0].eventTime = '2020-01-01T00:00:00Z';
    expect(check(altered).problems).toEqual([
      'the history of run run-1 does not match its sha256 (it was altered)',
    ]);
    expect(check({ ...dossier(), histories: [] }).problems).toEqual([
      'no history for run run-1 of risk-item/FX-2026-000001',
    ]);
    const foreign = dossier();
    foreign.histories.push({ ...foreign.histories[0], runId: 'run-9' });
    expect(check(foreign).problems).toEqual([
      'run run-9 of risk-item/FX-2026-000001 wrote nothing to the ledger',
    ]);
  });

  it('accepts a chain no workflow wrote (runId "-") without histories, and still wants one for each run', () => {
    const byHand = chain([
      { ...step(1, { kind: 'trigger' }, '-'), caseType: 'reporting-cycle-run', caseId: 'reporting-cycles' },
      { ...step(2, { kind: 'backfill' }, '-'), caseType: 'reporting-cycle-run', caseId: 'reporting-cycles' },
    ]);
    const ledgerOnly: Dossier = {
      ...dossier(),
      caseId: 'reporting-cycles',
      caseType: 'reporting-cycle-run',
      chainHead: { sequence: 2, hash: byHand[1].hash },
      ledger: byHand,
      histories: [],
      documents: [],
    };
    expect(check(ledgerOnly)).toMatchObject({ ok: true, problems: [] });
    // A case a workflow wrote beside the API's steps still needs that run's history.
    const mixed = chain([step(1, { status: 'registered' }), step(2, { status: 'published' }, '-')]);
    expect(
      check({
        ...dossier(),
        chainHead: { sequence: 2, hash: mixed[1].hash },
        ledger: mixed,
        histories: [],
        documents: [],
      }).problems,
    ).toEqual(['no history for run run-1 of risk-item/FX-2026-000001']);
  });

  it('checks each document against the ledger step that recorded it, one line per document', () => {
    const zeroed = dossier();
    zeroed.documents[0].sha256 = '0'.repeat(64);
    expect(check(zeroed).problems).toEqual([
      `document a.jpg does not match ledger step 2: its sha256 is ${'0'.repeat(64)}, the ledger records ${SHA}`,
    ]);
    const resized = dossier();
    resized.documents[0].size = 4;
    expect(check(resized).problems).toEqual([
      'document a.jpg does not match ledger step 2: its size is 4, the ledger records 3',
    ]);
    const moved = dossier();
    moved.documents[0].sequence = 1;
    expect(check(moved).problems).toEqual([
      'document a.jpg: ledger step 1 records no document of that name',
      'document a.jpg recorded at ledger step 2 is missing from the dossier',
    ]);
    expect(check({ ...dossier(), documents: [] }).problems).toEqual([
      'document a.jpg recorded at ledger step 2 is missing from the dossier',
    ]);
  });

  it('accepts documents kept outside the ledger beside the recorded ones', () => {
    const d = dossier();
    d.documents.push({
      origin: 'inspection-reports',
      name: 'r.pdf',
      mediaType: 'application/pdf',
      size: 9,
      sha256: 'cd'.repeat(32),
      sequence: null,
    });
    expect(check(d)).toMatchObject({ ok: true, problems: [] });
  });
});

describe('documentsOnLedger', () => {
  it('lists each document a step declares once, at the step that first recorded it', () => {
    expect(documentsOnLedger(chain(steps))).toEqual([
      {
        origin: 'ledger:risk-item',
        name: 'a.jpg',
        mediaType: 'image/jpeg',
        size: 3,
        sha256: SHA,
        sequence: 2,
      },
    ]);
  });
});

describe('compareReplayedSteps', () => {
  const ledger = chain(steps);

  it('accepts replayed steps that hash to the ledger entries', () => {
    expect(compareReplayedSteps(steps, ledger)).toEqual({
      replayedSteps: 3,
      ledgerEntries: 3,
      firstMismatch: null,
      finalStateMatches: true,
    });
  });

  it('names the first step the code computes differently', () => {
    const replayed = [steps[0], step(2, { status: 'rectifying' }), steps[2]];
    expect(compareReplayedSteps(replayed, ledger).firstMismatch).toEqual({
      sequence: 2,
      kind: 'different-state',
      ledgerAction: 'step-2',
      replayedAction: 'step-2',
      reason: 'the replayed code computes a different state after the step',
    });
  });

  it('notices a different action, different metadata, a missing step and an extra one', () => {
    expect(compareReplayedSteps([{ ...steps[0], action: 'other' }], ledger).firstMismatch).toMatchObject({
      kind: 'different-action',
      ledgerAction: 'step-1',
      replayedAction: 'other',
      reason: "the ledger says 'step-1', the replayed code 'other'",
    });
    expect(compareReplayedSteps([{ ...steps[0], reason: 'x' }], ledger).firstMismatch).toMatchObject({
      kind: 'different-entry',
      reason: 'the replayed step differs from the ledger entry (actor, reason, time or ids)',
    });
    expect(compareReplayedSteps(steps.slice(0, 2), ledger)).toMatchObject({
      firstMismatch: {
        sequence: 3,
        kind: 'not-replayed',
        ledgerAction: 'step-3',
        replayedAction: null,
        reason: 'the ledger has step 3 (step-3), which the replayed code does not write',
      },
      finalStateMatches: false,
    });
    expect(compareReplayedSteps([...steps, step(4, {})], ledger).firstMismatch).toMatchObject({
      sequence: 4,
      kind: 'not-on-ledger',
      ledgerAction: null,
      replayedAction: 'step-4',
    });
  });

  it('names the step the replayed code leaves out, not the one after it', () => {
    expect(compareReplayedSteps(steps.slice(1), ledger)).toMatchObject({
      replayedSteps: 2,
      firstMismatch: {
        sequence: 1,
        kind: 'not-replayed',
        reason: 'the ledger has step 1 (step-1), which the replayed code does not write',
      },
      finalStateMatches: true,
    });
    expect(compareReplayedSteps([steps[0], steps[2]], ledger).firstMismatch).toMatchObject({
      sequence: 2,
      kind: 'not-replayed',
      reason: 'the ledger has step 2 (step-2), which the replayed code does not write',
    });
    // A step left out before one computed differently: the earlier is the first to disagree.
    const later = step(3, { status: 'rectifying' });
    expect(compareReplayedSteps([steps[0], later], ledger).firstMismatch?.sequence).toBe(2);
  });
});

describe('withoutFieldsAddedSince', () => {
  it('drops only fields the recorded state lacks and that hold their empty value, at any depth', () => {
    const recorded = { status: 'lead-recorded', clocks: [], decision: { approved: true } };
    const replayed = {
      status: 'lead-recorded',
      clocks: [],
      subject: null,
      refusalFindings: [],
      decision: { approved: true, penalty: null },
      criminalOutcome: 'filed',
    };
    expect(withoutFieldsAddedSince(replayed, recorded)).toEqual({
      status: 'lead-recorded',
      clocks: [],
      decision: { approved: true },
      criminalOutcome: 'filed',
    });
  });
});
