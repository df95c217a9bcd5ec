import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  decodePayload,
  historyTimeline,
  runEnding,
  type TimelineEntry,
} from '../../../libs/audit/src/domain/history-events.js';
import {
  inboxTimelineEntry,
  ledgerWindow,
  mergeTimeline,
  splitNotificationKey,
  timelinePage,
  type LedgerStepSummary,
} from '../../../libs/audit/src/domain/timeline.js';
import { type LedgerContent } from '../../../libs/ledger/src/domain/ledger-chain.js';

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from(JSON.stringify(value)).toString('base64'),
});
const actor = { userId: 'supervisor.fso', role: 'supervisor', unitId: 'fso' };
const handler = { userId: 'handler.amr', role: 'handler', unitId: 'amr' };
const event = (
  eventId: number,
  second: number,
  eventType: string,
  attributes: Record<string, unknown> = {},
) => ({
  eventId: String(eventId),
  eventTime: `2026-11-28T02:00:${String(second).padStart(2, '0')}.000Z`,
  eventType: `EVENT_TYPE_${eventType}`,
  ...attributes,
});
const step = { caseId: 'FX-2026-000001', sequence: 2, action: 'mark-overdue', stateAfter: {} };
const history = {
  events: [
    event(1, 0, 'WORKFLOW_EXECUTION_STARTED', {
      workflowExecutionStartedEventAttributes: { workflowType: { name: 'riskItemWorkflow' } },
    }),
    event(2, 0, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
      workflowExecutionUpdateAcceptedEventAttributes: {
        acceptedRequest: { input: { name: 'riskItemRegistered', args: { payloads: [json(handler)] } } },
      },
    }),
    event(3, 1, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
      workflowExecutionUpdateAcceptedEventAttributes: {
        acceptedRequest: {
          input: { name: 'suspend', args: { payloads: [json({ context: { actor, reason: '等检测' } })] } },
        },
      },
    }),
    event(4, 1, 'ACTIVITY_TASK_SCHEDULED', {
      activityTaskScheduledEventAttributes: {
        activityType: { name: 'recordRiskItemStep' },
        input: { payloads: [json(step), json(null)] },
      },
    }),
    event(5, 2, 'TIMER_STARTED', {
      timerStartedEventAttributes: { timerId: '1', startToFireTimeout: '60s' },
    }),
    event(6, 3, 'TIMER_FIRED', { timerFiredEventAttributes: { timerId: '1' } }),
    event(7, 3, 'ACTIVITY_TASK_SCHEDULED', {
      activityTaskScheduledEventAttributes: {
        activityType: { name: 'recordRiskItemStep' },
        input: { payloads: [json(step), json({ kind: 'overdue' })] },
      },
    }),
    event(8, 3, 'ACTIVITY_TASK_SCHEDULED', {
      activityTaskScheduledEventAttributes: {
        activityType: { name: 'notifyInbox' },
        input: { payloads: [json({})] },
      },
    }),
    event(9, 4, 'START_CHILD_WORKFLOW_EXECUTION_INITIATED', {
      startChildWorkflowExecutionInitiatedEventAttributes: {
        workflowType: { name: 'notificationWorkflow' },
        workflowId: 'n/1',
      },
    }),
    event(10, 4, 'WORKFLOW_EXECUTION_SIGNALED', {
      workflowExecutionSignaledEventAttributes: {
        signalName: 'join',
        input: { payloads: [json({ actor, reason: null })] },
      },
    }),
    event(11, 5, 'WORKFLOW_EXECUTION_COMPLETED'),
  ],
};

describe('historyTimeline', () => {
  const timeline = historyTimeline('risk-item/FX-2026-000001', 'run-1', history);

  it('keeps what an auditor needs and leaves out task bookkeeping and ledger writes', () => {
    expect(timeline.map((e) => [e.eventId, e.kind, e.summary])).toEqual([
      [1, 'workflow-started', 'riskItemWorkflow started'],
      [2, 'update', 'update riskItemRegistered accepted'],
      [3, 'update', 'update suspend accepted'],
      [6, 'timer-fired', 'timer 1 fired (set for 60s)'],
      [7, 'escalation', 'escalation with step 2 (mark-overdue)'],
      [8, 'notification', 'notifyInbox scheduled'],
      [9, 'child-workflow', 'child notificationWorkflow n/1 started'],
      [10, 'signal', 'signal join received'],
      [11, 'workflow-closed', 'workflow completed'],
    ]);
  });

  it('names the person and reason behind updates and signals, and the engine behind timers', () => {
    expect(timeline[1]).toMatchObject({ actor: handler, reason: null });
    expect(timeline[2]).toMatchObject({ actor, reason: '等检测', source: 'temporal', runId: 'run-1' });
    expect(timeline[7]).toMatchObject({ actor, reason: null });
    expect(timeline[3].actor).toEqual({ userId: 'system', role: 'system', unitId: 'system' });
  });

  it('names the public reporter behind a complaint update that names nobody, the engine behind any other (a clock joining a card) and such a signal', () => {
    const update = (eventId: number, name: string, args: unknown[]) =>
      event(eventId, 0, 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', {
        workflowExecutionUpdateAcceptedEventAttributes: {
          acceptedRequest: { input: { name, args: { payloads: args.map(json) } } },
        },
      });
    const complaint = historyTimeline('complaint/TS-2026-000001', 'run-1', {
      events: [
        update(1, 'complaintReceived', [null]),
        update(2, 'complaintStep', ['answer', { context: null, requestId: 'r-1', answer: '在后门' }]),
        update(3, 'complaintStep', ['accept', { context: { actor: handler }, requestId: 'r-2' }]),
        event(4, 1, 'WORKFLOW_EXECUTION_SIGNALED', {
          workflowExecutionSignaledEventAttributes: {
            signalName: 'cardTriggered',
            input: { payloads: [json({ key: 'k', reason: 'overdue', context: null })] },
          },
        }),
        update(5, 'joinCard', [{ key: 'referral/XS-1:filing', reason: '立案期限届满', context: null }]),
      ],
    });
    const reporter = { userId: 'reporter', role: 'reporter', unitId: 'public' };
    const system = { userId: 'system', role: 'system', unitId: 'system' };
    expect(complaint.map((e) => e.actor)).toEqual([reporter, reporter, handler, system, system]);
  });

  it('knows how a run ended, and that an open one has not', () => {
    expect(runEnding(history)).toEqual({
      status: 'completed',
      closeTime: '2026-11-28T02:00:05.000Z',
      workflowType: 'riskItemWorkflow',
    });
    expect(runEnding({ events: history.events.slice(0, 10) })).toBeNull();
  });

  it('decodes json/plain payloads only', () => {
    expect(decodePayload(json({ a: 1 }))).toEqual({ a: 1 });
    expect(
      decodePayload({ metadata: { encoding: Buffer.from('binary/null').toString('base64') } }),
    ).toBeUndefined();
    expect(
      decodePayload({
        metadata: { encoding: Buffer.from('json/plain').toString('base64') },
        data: 'bm90IGpzb24=',
      }),
    ).toBeUndefined();
  });
});

describe('mergeTimeline', () => {
  const ledgerEntry = (sequence: number, second: number): LedgerContent => ({
    caseType: 'risk-item',
    caseId: 'FX-2026-000001',
    sequence,
    actorId: 'system',
    actorRole: 'system',
    actorUnit: 'system',
    action: `step-${sequence}`,
    reason: null,
    stateBefore: null,
    stateAfter: {},
    occurredAt: `2026-11-28T02:00:0${second}.000Z`,
    workflowId: 'risk-item/FX-2026-000001',
    runId: 'run-1',
    requestId: 'r',
  });

  it('orders by time, the cause (Temporal event) before the step (ledger) at the same instant', () => {
    const merged = mergeTimeline(
      [ledgerEntry(1, 1), ledgerEntry(2, 3)],
      historyTimeline('w', 'run-1', history),
    );
    expect(merged.map((e) => e.sequence ?? `e${e.eventId}`)).toEqual([
      'e1',
      'e2',
      'e3',
      1,
      'e6',
      'e7',
      'e8',
      2,
      'e9',
      'e10',
      'e11',
    ]);
    expect(merged[3]).toMatchObject({ source: 'ledger', kind: 'ledger-step', summary: 'step 1: step-1' });
  });
});

describe('timelinePage', () => {
  const at = (second: number) => new Date(Date.UTC(2026, 10, 28, 2, 0, second)).toISOString();
  const step = (sequence: number, second: number): LedgerStepSummary => ({
    sequence,
    action: `step-${sequence}`,
    actorId: 'system',
    actorRole: 'system',
    actorUnit: 'system',
    reason: null,
    occurredAt: at(second),
    workflowId: 'w',
    runId: 'run-1',
  });
  const temporalEntry = (eventId: number, second: number): TimelineEntry => ({
    at: at(second),
    source: 'temporal',
    kind: 'signal',
    summary: `event ${eventId}`,
    actor: { userId: 'system', role: 'system', unitId: 'system' },
    reason: null,
    workflowId: 'w',
    runId: 'run-1',
    sequence: null,
    eventId,
  });
  /** What the page must be: the whole merged timeline, sliced. */
  const reference = (
    steps: LedgerStepSummary[],
    temporal: TimelineEntry[],
    page: number,
    pageSize: number,
  ) => {
    const all = mergeTimeline(steps, temporal);
    return { items: all.slice((page - 1) * pageSize, page * pageSize), page, pageSize, total: all.length };
  };
  /** The page as the service builds it: only the window of ledger steps, as SQL returns them. */
  const paged = (steps: LedgerStepSummary[], temporal: TimelineEntry[], page: number, pageSize: number) => {
    const inTimeOrder = [...steps].sort(
      (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.sequence - b.sequence,
    );
    const { offset, limit } = ledgerWindow(page, pageSize, temporal.length);
    const window = { offset, steps: inTimeOrder.slice(offset, offset + limit) };
    return timelinePage(temporal, window, steps.length, page, pageSize);
  };

  it('gives a later page from the ledger steps it can hold, with the whole total', () => {
    const steps = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => step(n, n * 2));
    const temporal = [temporalEntry(1, 0), temporalEntry(2, 5), temporalEntry(3, 16)];
    expect(ledgerWindow(3, 3, temporal.length)).toEqual({ offset: 3, limit: 6 });
    expect(paged(steps, temporal, 3, 3)).toEqual(reference(steps, temporal, 3, 3));
    expect(paged(steps, temporal, 3, 3).items.map((e) => e.sequence ?? `e${e.eventId}`)).toEqual([5, 6, 7]);
    expect(paged(steps, temporal, 5, 3)).toEqual({ items: [], page: 5, pageSize: 3, total: 11 });
  });

  it('is the same page as slicing the whole merged timeline, ties and empty pages included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (stepSeconds, eventSeconds, page, pageSize) => {
          // Times in any order against the sequence: SQL orders the window by time, then sequence.
          const steps = stepSeconds.map((second, i) => step(i + 1, second));
          const temporal = eventSeconds.map((second, i) => temporalEntry(i + 1, second));
          expect(paged(steps, temporal, page, pageSize)).toEqual(reference(steps, temporal, page, pageSize));
        },
      ),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe('inboxTimelineEntry', () => {
  it('places a notification on the step and run that caused it, from its key', () => {
    const runs = new Map([[4, 'run-2']]);
    expect(
      inboxTimelineEntry(
        {
          key: 'risk-item/FX-2026-000007:4:verification-due',
          kind: 'verification-due',
          at: '2026-03-02T01:00:00.000Z',
          recipients: 3,
        },
        (sequence) => runs.get(sequence) ?? '',
      ),
    ).toMatchObject({
      at: '2026-03-02T01:00:00.000Z',
      source: 'inbox',
      kind: 'notification',
      summary: 'notification verification-due to 3 recipient(s)',
      workflowId: 'risk-item/FX-2026-000007',
      runId: 'run-2',
      sequence: 4,
    });
  });

  it('reads the workflow id and sequence of any key, whatever the workflow id holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.stringMatching(/^[a-z-]+$/), (workflowId, sequence, kind) => {
        expect(splitNotificationKey(`${workflowId}:${sequence}:${kind}`)).toEqual([workflowId, sequence]);
      }),
    );
  });
});
