import { asLedgerStep } from '../../../contracts/src/audit.contracts.js';
import { REPORTER_ACTOR, SYSTEM_ACTOR } from '../../../contracts/src/identity.js';
import { complaintReceivedUpdate, complaintStepUpdate } from '../../../contracts/src/complaint.contracts.js';

/**
 * Temporal history events as the proto JSON form gives them (`historyToJSON`, `temporal workflow show
 * --output json`): what a timeline needs, read without the SDK so the offline CLI can use it too.
 */
export interface HistoryEventJson {
  eventId: string;
  eventTime: string;
  eventType: string;
  [attributes: string]: unknown;
}

export interface HistoryJson {
  events: HistoryEventJson[];
}

export interface PayloadJson {
  metadata?: { encoding?: string };
  data?: string;
}

interface PayloadsJson {
  payloads?: PayloadJson[];
}

/** The attributes the timeline reads, whichever event they belong to. */
interface EventAttributes {
  workflowType?: { name?: string };
  workflowId?: string;
  workflowExecution?: { workflowId?: string };
  timerId?: string;
  startToFireTimeout?: string;
  signalName?: string;
  input?: PayloadsJson;
  acceptedRequest?: { input?: { name?: string; args?: PayloadsJson } };
  activityType?: { name?: string };
}

export interface TimelineActor {
  userId: string;
  role: string;
  unitId: string;
}

export type TimelineKind =
  | 'ledger-step'
  | 'workflow-started'
  | 'workflow-closed'
  | 'continued-as-new'
  | 'timer-fired'
  | 'signal'
  | 'update'
  | 'escalation'
  | 'notification'
  | 'child-workflow'
  | 'activity'
  | 'activity-failed';

export interface TimelineEntry {
  at: string;
  source: 'ledger' | 'temporal' | 'inbox';
  kind: TimelineKind;
  summary: string;
  actor: TimelineActor;
  reason: string | null;
  workflowId: string;
  runId: string;
  /** The ledger sequence (ledger entries) or the history event id (Temporal events). */
  sequence: number | null;
  eventId: number | null;
}

/** Decodes a `json/plain` payload; anything else (binary, encrypted) is shown as absent. */
export function decodePayload(payload: PayloadJson | undefined): unknown {
  if (!payload?.data || !payload.metadata?.encoding) return undefined;
  if (Buffer.from(payload.metadata.encoding, 'base64').toString('utf8') !== 'json/plain') return undefined;
  try {
    return JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const NOTIFICATION_ACTIVITIES = new Set(['notifyInbox', 'deliverOutbound', 'dispatchNotification']);
const CLOSING_EVENTS: Record<string, string> = {
  EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: 'completed',
  EVENT_TYPE_WORKFLOW_EXECUTION_FAILED: 'failed',
  EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED: 'cancelled',
  EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED: 'terminated',
  EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT: 'timed out',
};

const isActor = (value: unknown): value is TimelineActor =>
  typeof value === 'object' &&
  value !== null &&
  ['userId', 'role', 'unitId'].every((key) => typeof (value as Record<string, unknown>)[key] === 'string');

/**
 * Who asked and why, from an update or signal argument: a step context (`{ context: { actor, reason } }`
 * or `{ actor, reason }`), or the actor itself (the registering updates of update-with-start). Arguments
 * that name nobody were sent by `nobody`: see its callers.
 */
/** The updates the public complaint pages send: without an actor, they are the reporter's. */
const PUBLIC_UPDATES: ReadonlySet<string> = new Set([complaintReceivedUpdate.name, complaintStepUpdate.name]);

function requester(args: unknown[], nobody: TimelineActor): { actor: TimelineActor; reason: string | null } {
  for (const arg of args) {
    if (isActor(arg)) return { actor: arg, reason: null };
    if (typeof arg !== 'object' || arg === null) continue;
    const holder = arg as {
      actor?: unknown;
      reason?: string;
      context?: { actor?: unknown; reason?: string };
    };
    const context = holder.context ?? holder;
    if (isActor(context.actor)) return { actor: context.actor, reason: context.reason ?? null };
  }
  return { actor: nobody, reason: null };
}

const payloadsOf = (holder: PayloadsJson | undefined): unknown[] =>
  (holder?.payloads ?? []).map(decodePayload);

/**
 * The events of one run that matter to an auditor: timers fired, signals, updates, escalations,
 * notifications, child workflows, start and close. Workflow-task bookkeeping and the activities that
 * write ledger steps (the ledger shows those) are left out.
 */
export function historyTimeline(workflowId: string, runId: string, history: HistoryJson): TimelineEntry[] {
  const timers = new Map<string, string>();
  const entries: TimelineEntry[] = [];
  const add = (
    event: HistoryEventJson,
    kind: TimelineKind,
    summary: string,
    who: { actor: TimelineActor; reason: string | null } = { actor: SYSTEM_ACTOR, reason: null },
  ) =>
    entries.push({
      at: event.eventTime,
      source: 'temporal',
      kind,
      summary,
      actor: who.actor,
      reason: who.reason,
      workflowId,
      runId,
      sequence: null,
      eventId: Number(event.eventId),
    });

  for (const event of history.events) {
    const type = event.eventType;
    const attrs = (name: string) => (event[`${name}EventAttributes`] ?? {}) as EventAttributes;
    if (type === 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED') {
      add(
        event,
        'workflow-started',
        `${attrs('workflowExecutionStarted').workflowType?.name ?? 'workflow'} started`,
      );
    } else if (type === 'EVENT_TYPE_TIMER_STARTED') {
      const a = attrs('timerStarted');
      timers.set(String(a.timerId), String(a.startToFireTimeout));
    } else if (type === 'EVENT_TYPE_TIMER_FIRED') {
      const id = String(attrs('timerFired').timerId);
      add(event, 'timer-fired', `timer ${id} fired (set for ${timers.get(id) ?? 'unknown'})`);
    } else if (type === 'EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED') {
      const a = attrs('workflowExecutionSignaled');
      // Signals come from the engine (another case's step, a clock) unless they name a person.
      add(
        event,
        'signal',
        `signal ${a.signalName ?? ''} received`,
        requester(payloadsOf(a.input), SYSTEM_ACTOR),
      );
    } else if (type === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED') {
      const input = attrs('workflowExecutionUpdateAccepted').acceptedRequest?.input ?? {};
      // Every official's update carries its actor. A complaint's update that names nobody came through
      // the public pages, which take the reporter's steps without a signed-in person (as the ledger
      // says); any other (a card joined by a clock's trigger) came from the engine.
      const nobody = PUBLIC_UPDATES.has(String(input.name)) ? REPORTER_ACTOR : SYSTEM_ACTOR;
      add(event, 'update', `update ${input.name ?? ''} accepted`, requester(payloadsOf(input.args), nobody));
    } else if (type === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED') {
      const a = attrs('activityTaskScheduled');
      const name = String(a.activityType?.name);
      const [first, second] = payloadsOf(a.input);
      const step = asLedgerStep(first);
      if (step && second) add(event, 'escalation', `escalation with step ${step.sequence} (${step.action})`);
      else if (NOTIFICATION_ACTIVITIES.has(name)) add(event, 'notification', `${name} scheduled`);
      else if (!step) add(event, 'activity', `${name} scheduled`);
    } else if (type === 'EVENT_TYPE_ACTIVITY_TASK_FAILED' || type === 'EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT') {
      add(event, 'activity-failed', `activity ${type.endsWith('FAILED') ? 'failed' : 'timed out'}`);
    } else if (type === 'EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED') {
      const a = attrs('startChildWorkflowExecutionInitiated');
      add(event, 'child-workflow', `child ${a.workflowType?.name ?? ''} ${a.workflowId ?? ''} started`);
    } else if (type === 'EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED') {
      const a = attrs('signalExternalWorkflowExecutionInitiated');
      add(event, 'signal', `signal ${a.signalName ?? ''} sent to ${a.workflowExecution?.workflowId ?? ''}`);
    } else if (type === 'EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW') {
      add(event, 'continued-as-new', 'continued as a new run');
    } else if (CLOSING_EVENTS[type]) {
      add(event, 'workflow-closed', `workflow ${CLOSING_EVENTS[type]}`);
    }
  }
  return entries;
}

const ENDING_EVENTS: Record<string, string> = {
  ...CLOSING_EVENTS,
  EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'continued as new',
};

/** How a run ended, or null while it is still open (its history can still grow). */
export function runEnding(
  history: HistoryJson,
): { status: string; closeTime: string; workflowType: string } | null {
  const last = history.events.at(-1);
  const status = last ? ENDING_EVENTS[last.eventType] : undefined;
  if (!last || !status) return null;
  const started = history.events[0].workflowExecutionStartedEventAttributes as EventAttributes | undefined;
  return { status, closeTime: last.eventTime, workflowType: started?.workflowType?.name ?? 'unknown' };
}
