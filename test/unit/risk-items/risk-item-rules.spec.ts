import { describe, expect, it } from '@jest/globals';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import {
  RiskGrade,
  RiskItemStatus,
  RiskItemStep,
  RiskSource,
  type EvidenceFile,
  type PlannedDeadline,
  type RegisterRiskItemInput,
  type RiskItemState,
} from '../../../libs/contracts/src/risk-item.contracts.js';
import {
  acceptRectification,
  allowedRiskItemSteps,
  assignRiskItem,
  cancelRiskItem,
  checkRiskItemStep,
  markOverdue,
  markReminderSent,
  markVerificationReminded,
  nextRiskItemTimer,
  registerRiskItem,
  rejectRectification,
  replanRiskItem,
  resumeRiskItem,
  startRectification,
  submitRectification,
  suspendRiskItem,
  viewRiskItem,
} from '../../../libs/risk-items/src/domain/risk-item.rules.js';

// ---------------------------------------------------------------------------------------------
// Cast: a township market-supervision station registers the item, the school-canteen unit must fix
// it, the county food-safety office (fso) supervises. "other" is an unrelated unit.
// ---------------------------------------------------------------------------------------------
const REGISTERING_UNIT = 'station-a';
const RESPONSIBLE_UNIT = 'canteen-unit';
const OTHER_UNIT = 'other-unit';

const actor = (role: Role, unitId: string, userId = `${unitId}-${role}`): Actor => ({ userId, role, unitId });
const supervisor = actor(Role.Supervisor, 'fso', 'fso-supervisor-1');
const registeringHandler = actor(Role.Handler, REGISTERING_UNIT, 'station-a-handler-1');
const registeringHead = actor(Role.UnitHead, REGISTERING_UNIT, 'station-a-head');
const responsibleHandler = actor(Role.Handler, RESPONSIBLE_UNIT, 'canteen-handler-1');
const responsibleHead = actor(Role.UnitHead, RESPONSIBLE_UNIT, 'canteen-head');
const otherHandler = actor(Role.Handler, OTHER_UNIT, 'other-handler-1');
const otherHead = actor(Role.UnitHead, OTHER_UNIT, 'other-head');
const leader = actor(Role.Leader, 'county-government', 'leader-1');
const auditor = actor(Role.Auditor, 'county-audit', 'auditor-1');

const REGISTERED_AT = '2024-09-27T02:00:00.000Z';
const SUBMITTED_AT = '2024-10-09T06:30:00.000Z';
const VERIFICATION_DUE_AT = '2024-10-19T16:00:00.000Z';
const VERIFIED_AT = '2024-10-12T01:15:00.000Z';
const SUSPENDED_AT = '2024-10-10T03:25:17.123Z';
const RESUMED_AT = '2024-11-05T01:00:00.000Z';
const CANCELLED_AT = '2024-10-11T08:00:00.000Z';

const FIRST_DEADLINE: PlannedDeadline = {
  dueAt: '2024-10-23T16:00:00.000Z',
  reminderAt: '2024-10-21T16:00:00.000Z',
  rule: { en: 'rectification of a general risk item: 15 working days', zh: '一般隐患整改期限：15个工作日' },
  policyVersion: '2026-11-28.1',
};
const SECOND_DEADLINE: PlannedDeadline = {
  dueAt: '2024-10-29T16:00:00.000Z',
  reminderAt: '2024-10-27T16:00:00.000Z',
  rule: { en: 'rectification, round 2', zh: '第二轮整改期限' },
  policyVersion: '2026-11-28.1',
};
const NO_REMINDER_DEADLINE: PlannedDeadline = {
  dueAt: '2024-10-01T16:00:00.000Z',
  reminderAt: null,
  rule: { en: 'short clock', zh: '短期限' },
  policyVersion: '2026-11-28.1',
};

const EVIDENCE: EvidenceFile[] = [
  {
    fileName: '整改后照片-01.jpg',
    mediaType: 'image/jpeg',
    size: 482113,
    sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    stage: 'after',
  },
];

const REGISTRATION: RegisterRiskItemInput = {
  id: 'FX-2024-000042',
  source: RiskSource.Inspection,
  sourceDate: '2024-09-26',
  actionNo: 5,
  business: {
    name: '武陟县示例食品经营部',
    creditCode: '91350100M000100Y43',
    address: '示例镇建设路88号',
    townshipId: 'township-sample-1',
  },
  description: '售卖超过保质期的预包装食品',
  grade: RiskGrade.General,
  reopenOf: null,
  context: { actor: registeringHandler, requestId: 'req-register-1' },
};

// ---------------------------------------------------------------------------------------------
// State factory: every state is reached through the real step functions, never written by hand.
// ---------------------------------------------------------------------------------------------
const registered = (): RiskItemState => registerRiskItem(REGISTRATION, REGISTERED_AT);
const assigned = (deadline: PlannedDeadline = FIRST_DEADLINE): RiskItemState =>
  assignRiskItem(registered(), RESPONSIBLE_UNIT, responsibleHandler.userId, deadline);
const rectifying = (): RiskItemState => startRectification(assigned());
const submitted = (): RiskItemState =>
  submitRectification(
    rectifying(),
    responsibleHandler,
    '下架过期食品并建立进货查验台账',
    EVIDENCE,
    SUBMITTED_AT,
    VERIFICATION_DUE_AT,
  );
const suspended = (): RiskItemState => suspendRiskItem(rectifying(), SUSPENDED_AT);
const closed = (): RiskItemState => acceptRectification(submitted(), supervisor, VERIFIED_AT);
const cancelled = (): RiskItemState =>
  cancelRiskItem(assigned(), 'registered twice by mistake', CANCELLED_AT);

const STATE_OF: Record<RiskItemStatus, () => RiskItemState> = {
  [RiskItemStatus.Registered]: registered,
  [RiskItemStatus.Assigned]: () => assigned(),
  [RiskItemStatus.Rectifying]: rectifying,
  [RiskItemStatus.Submitted]: submitted,
  [RiskItemStatus.Suspended]: suspended,
  [RiskItemStatus.Closed]: closed,
  [RiskItemStatus.Cancelled]: cancelled,
};

/** Freezes an object graph so that any mutation by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

const ALL_STEPS = Object.values(RiskItemStep);
const ALL_STATUSES = Object.values(RiskItemStatus);
const A_REASON = 'lab results for batch 20241009 pending';

// =============================================================================================
// The transition table, written out independently of RISK_ITEM_TRANSITIONS (docs/domain.md §3.1).
// =============================================================================================
const EXPECTED_FROM: Record<RiskItemStep, readonly RiskItemStatus[]> = {
  [RiskItemStep.Assign]: [RiskItemStatus.Registered],
  [RiskItemStep.StartRectification]: [RiskItemStatus.Assigned],
  [RiskItemStep.SubmitRectification]: [RiskItemStatus.Rectifying],
  [RiskItemStep.Accept]: [RiskItemStatus.Submitted],
  [RiskItemStep.Reject]: [RiskItemStatus.Submitted],
  [RiskItemStep.Suspend]: [RiskItemStatus.Assigned, RiskItemStatus.Rectifying],
  [RiskItemStep.Resume]: [RiskItemStatus.Suspended],
  [RiskItemStep.Cancel]: [
    RiskItemStatus.Registered,
    RiskItemStatus.Assigned,
    RiskItemStatus.Rectifying,
    RiskItemStatus.Submitted,
    RiskItemStatus.Suspended,
  ],
  [RiskItemStep.Replan]: [RiskItemStatus.Assigned, RiskItemStatus.Rectifying],
  [RiskItemStep.MarkCriminalThreshold]: [
    RiskItemStatus.Registered,
    RiskItemStatus.Assigned,
    RiskItemStatus.Rectifying,
    RiskItemStatus.Submitted,
    RiskItemStatus.Suspended,
  ],
};

/** An actor in scope for the step, so that only the status decides in the cross-product test. */
const IN_SCOPE: Record<RiskItemStep, Actor> = {
  [RiskItemStep.Assign]: supervisor,
  [RiskItemStep.StartRectification]: responsibleHandler,
  [RiskItemStep.SubmitRectification]: responsibleHandler,
  [RiskItemStep.Accept]: supervisor,
  [RiskItemStep.Reject]: supervisor,
  [RiskItemStep.Suspend]: supervisor,
  [RiskItemStep.Resume]: supervisor,
  [RiskItemStep.Cancel]: supervisor,
  [RiskItemStep.Replan]: supervisor,
  [RiskItemStep.MarkCriminalThreshold]: supervisor,
};

/** The legal status in which to exercise each step's scope and reason rules. */
const LEGAL_STATE: Record<RiskItemStep, () => RiskItemState> = {
  [RiskItemStep.Assign]: registered,
  [RiskItemStep.StartRectification]: () => assigned(),
  [RiskItemStep.SubmitRectification]: rectifying,
  [RiskItemStep.Accept]: submitted,
  [RiskItemStep.Reject]: submitted,
  [RiskItemStep.Suspend]: rectifying,
  [RiskItemStep.Resume]: suspended,
  [RiskItemStep.Cancel]: rectifying,
  [RiskItemStep.Replan]: rectifying,
  [RiskItemStep.MarkCriminalThreshold]: rectifying,
};

describe('the state factory', () => {
  it.each(ALL_STATUSES)('builds a %s item through the step functions', (status) => {
    expect(STATE_OF[status]().status).toBe(status);
  });
});

describe('registerRiskItem', () => {
  it('records a registered item at sequence 1, registered by the acting user for their unit', () => {
    expect(registered()).toEqual({
      id: 'FX-2024-000042',
      source: RiskSource.Inspection,
      sourceDate: '2024-09-26',
      actionNo: 5,
      business: REGISTRATION.business,
      description: '售卖超过保质期的预包装食品',
      grade: RiskGrade.General,
      status: RiskItemStatus.Registered,
      registeredBy: 'station-a-handler-1',
      registeringUnitId: REGISTERING_UNIT,
      registeredAt: REGISTERED_AT,
      responsibleUnitId: null,
      responsibleUserId: null,
      deadline: null,
      reminderSent: false,
      overdue: false,
      verificationDueAt: null,
      verificationReminded: false,
      suspension: null,
      rectification: null,
      verifications: [],
      round: 0,
      cancelReason: null,
      closedAt: null,
      reopenOf: null,
      sequence: 1,
    });
  });

  it('links a reopened item to the closed one', () => {
    expect(registerRiskItem({ ...REGISTRATION, reopenOf: 'FX-2024-000007' }, REGISTERED_AT).reopenOf).toBe(
      'FX-2024-000007',
    );
  });
});

describe('checkRiskItemStep: which status allows which step', () => {
  const cases = ALL_STEPS.flatMap((step) =>
    ALL_STATUSES.map((status) => ({ step, status, allowed: EXPECTED_FROM[step].includes(status) })),
  );

  it('covers all 10 steps × 7 statuses', () => {
    expect(cases).toHaveLength(70);
    expect(cases.filter((c) => c.allowed)).toHaveLength(20);
  });

  it.each(cases)('$step from $status → allowed: $allowed', ({ step, status, allowed }) => {
    const violation = checkRiskItemStep(STATE_OF[status](), step, IN_SCOPE[step], A_REASON);
    if (allowed) {
      expect(violation).toBeUndefined();
    } else if (status === RiskItemStatus.Closed || status === RiskItemStatus.Cancelled) {
      expect(violation).toMatchObject({ code: 'risk-item.closed', kind: ErrorKind.Conflict });
    } else {
      expect(violation).toEqual({
        code: 'risk-item.illegal-step',
        kind: ErrorKind.Conflict,
        message: `Cannot ${step} a risk item that is ${status}`,
      });
    }
  });
});

describe('checkRiskItemStep: closed and cancelled items never change', () => {
  it.each(ALL_STEPS)('%s on a closed item → risk-item.closed, pointing to reopening', (step) => {
    expect(checkRiskItemStep(closed(), step, supervisor, A_REASON)).toEqual({
      code: 'risk-item.closed',
      kind: ErrorKind.Conflict,
      message: 'Risk item FX-2024-000042 is closed and can no longer change; reopen it as a new item',
    });
  });

  it.each(ALL_STEPS)('%s on a cancelled item → risk-item.closed', (step) => {
    expect(checkRiskItemStep(cancelled(), step, supervisor, A_REASON)).toEqual({
      code: 'risk-item.closed',
      kind: ErrorKind.Conflict,
      message: 'Risk item FX-2024-000042 is cancelled and can no longer change',
    });
  });

  it('reports closed before scope: even an out-of-scope actor learns the item is closed', () => {
    expect(checkRiskItemStep(closed(), RiskItemStep.StartRectification, leader)?.code).toBe(
      'risk-item.closed',
    );
  });

  it('reports the wrong status before scope', () => {
    expect(checkRiskItemStep(registered(), RiskItemStep.Accept, leader)?.code).toBe('risk-item.illegal-step');
  });
});

describe('checkRiskItemStep: who may take each step', () => {
  const forbidden = (message: string) => ({
    code: 'risk-item.not-allowed',
    kind: ErrorKind.Forbidden,
    message,
  });
  const RESPONSIBLE_ONLY = "Only a handler or the head of the item's responsible unit may";
  const SUPERVISOR_ONLY = 'Only a county supervisor (督办员) may';
  const VERIFIER_ONLY =
    "Only a county supervisor (or, where the policy delegates the item's grade, the head of its responsible unit) may";

  describe('start and submit: the responsible unit only', () => {
    it.each([
      [RiskItemStep.StartRectification, 'handler of the responsible unit', responsibleHandler],
      [RiskItemStep.StartRectification, 'head of the responsible unit', responsibleHead],
      [RiskItemStep.SubmitRectification, 'handler of the responsible unit', responsibleHandler],
      [RiskItemStep.SubmitRectification, 'head of the responsible unit', responsibleHead],
    ])('%s by the %s is allowed', (step, _who, who) => {
      expect(checkRiskItemStep(LEGAL_STATE[step](), step, who)).toBeUndefined();
    });

    it.each([
      [RiskItemStep.StartRectification, "another unit's handler", otherHandler],
      [RiskItemStep.StartRectification, "another unit's head", otherHead],
      [RiskItemStep.StartRectification, "the registering unit's handler", registeringHandler],
      [RiskItemStep.StartRectification, 'a county supervisor', supervisor],
      [RiskItemStep.SubmitRectification, "another unit's handler", otherHandler],
      [RiskItemStep.SubmitRectification, "the registering unit's head", registeringHead],
      [RiskItemStep.SubmitRectification, 'a county supervisor', supervisor],
    ])('%s by %s → risk-item.not-allowed', (step, _who, who) => {
      expect(checkRiskItemStep(LEGAL_STATE[step](), step, who)).toEqual(
        forbidden(`${RESPONSIBLE_ONLY} ${step} this risk item`),
      );
    });
  });

  describe('verify, suspend, resume, cancel, replan: county supervisors only', () => {
    const supervisorSteps = [
      RiskItemStep.Accept,
      RiskItemStep.Reject,
      RiskItemStep.Suspend,
      RiskItemStep.Resume,
      RiskItemStep.Cancel,
      RiskItemStep.Replan,
    ];

    it.each(supervisorSteps)('%s by a county supervisor is allowed', (step) => {
      expect(checkRiskItemStep(LEGAL_STATE[step](), step, supervisor, A_REASON)).toBeUndefined();
    });

    it.each(
      supervisorSteps.flatMap((step) =>
        [responsibleHandler, responsibleHead, registeringHead, otherHead].map((who) => ({ step, who })),
      ),
    )('$step by $who.userId → risk-item.not-allowed', ({ step, who }) => {
      const verifies = step === RiskItemStep.Accept || step === RiskItemStep.Reject;
      expect(checkRiskItemStep(LEGAL_STATE[step](), step, who, A_REASON)).toEqual(
        forbidden(`${verifies ? VERIFIER_ONLY : SUPERVISOR_ONLY} ${step} this risk item`),
      );
    });
  });

  describe('verification delegated by policy to the responsible unit’s head (general items only)', () => {
    const delegatedItem = (grade: RiskGrade) =>
      submitRectification(
        startRectification(
          assignRiskItem(
            registerRiskItem(
              { ...REGISTRATION, grade, verificationDelegation: { grades: [RiskGrade.General] } },
              REGISTERED_AT,
            ),
            RESPONSIBLE_UNIT,
            responsibleHandler.userId,
            FIRST_DEADLINE,
          ),
        ),
        responsibleHandler,
        'm',
        EVIDENCE,
        SUBMITTED_AT,
        VERIFICATION_DUE_AT,
      );

    it.each([RiskItemStep.Accept, RiskItemStep.Reject])(
      '%s of a general item by the responsible head',
      (step) => {
        expect(
          checkRiskItemStep(delegatedItem(RiskGrade.General), step, responsibleHead, A_REASON),
        ).toBeUndefined();
        expect(
          checkRiskItemStep(delegatedItem(RiskGrade.General), step, supervisor, A_REASON),
        ).toBeUndefined();
      },
    );

    it.each([RiskGrade.Major, RiskGrade.Critical])('a %s item stays with the county supervisors', (grade) => {
      expect(checkRiskItemStep(delegatedItem(grade), RiskItemStep.Accept, responsibleHead)?.code).toBe(
        'risk-item.not-allowed',
      );
    });

    it('not to the responsible unit’s handler, another unit’s head, or on items registered without it', () => {
      for (const who of [responsibleHandler, registeringHead, otherHead]) {
        expect(checkRiskItemStep(delegatedItem(RiskGrade.General), RiskItemStep.Accept, who)?.code).toBe(
          'risk-item.not-allowed',
        );
      }
      expect(checkRiskItemStep(submitted(), RiskItemStep.Accept, responsibleHead)?.code).toBe(
        'risk-item.not-allowed',
      );
    });
  });

  describe('assign: a supervisor or the head of the registering unit', () => {
    it.each([
      ['a county supervisor', supervisor],
      ['the head of the registering unit', registeringHead],
    ])('by %s is allowed', (_who, who) => {
      expect(checkRiskItemStep(registered(), RiskItemStep.Assign, who)).toBeUndefined();
    });

    it.each([
      ['the head of another unit', otherHead],
      ['a handler of the registering unit', registeringHandler],
      ['a handler of another unit', otherHandler],
      ['a leader', leader],
      ['an auditor', auditor],
    ])('by %s → risk-item.not-allowed', (_who, who) => {
      expect(checkRiskItemStep(registered(), RiskItemStep.Assign, who)).toEqual(
        forbidden('Only a county supervisor or the head of the registering unit may assign this risk item'),
      );
    });
  });

  describe('leaders and auditors watch but never act', () => {
    it.each(ALL_STEPS.flatMap((step) => [leader, auditor].map((who) => ({ step, role: who.role, who }))))(
      '$step by a $role → risk-item.not-allowed',
      ({ step, who }) => {
        expect(checkRiskItemStep(LEGAL_STATE[step](), step, who, A_REASON)).toMatchObject({
          code: 'risk-item.not-allowed',
          kind: ErrorKind.Forbidden,
        });
      },
    );
  });
});

describe('checkRiskItemStep: steps against the unit need a reason', () => {
  const REASON_STEPS = [RiskItemStep.Reject, RiskItemStep.Suspend, RiskItemStep.Cancel, RiskItemStep.Replan];
  const blankReasons: [string, string | null | undefined][] = [
    ['no reason', undefined],
    ['a null reason', null],
    ['an empty reason', ''],
    ['a reason of spaces', '   '],
    ['a reason of tabs and newlines', '\t\n '],
    ['a reason of ideographic spaces', '\u3000\u3000'],
  ];

  it.each(REASON_STEPS.flatMap((step) => blankReasons.map(([label, reason]) => ({ step, label, reason }))))(
    '$step with $label → risk-item.reason-required',
    ({ step, reason }) => {
      expect(checkRiskItemStep(LEGAL_STATE[step](), step, supervisor, reason)).toEqual({
        code: 'risk-item.reason-required',
        kind: ErrorKind.Validation,
        message: `A reason is required to ${step}`,
      });
    },
  );

  it.each(REASON_STEPS)('%s with a reason is allowed', (step) => {
    expect(checkRiskItemStep(LEGAL_STATE[step](), step, supervisor, A_REASON)).toBeUndefined();
  });

  it.each([
    [RiskItemStep.Assign, supervisor],
    [RiskItemStep.StartRectification, responsibleHandler],
    [RiskItemStep.SubmitRectification, responsibleHandler],
    [RiskItemStep.Accept, supervisor],
    [RiskItemStep.Resume, supervisor],
  ])('%s needs no reason', (step, who) => {
    expect(checkRiskItemStep(LEGAL_STATE[step](), step, who)).toBeUndefined();
  });

  it('checks scope before the reason: an out-of-scope actor is told so, not asked for a reason', () => {
    expect(checkRiskItemStep(rectifying(), RiskItemStep.Cancel, responsibleHead)?.code).toBe(
      'risk-item.not-allowed',
    );
  });
});

describe('allowedRiskItemSteps', () => {
  it.each([
    [
      'registered',
      registered,
      supervisor,
      [RiskItemStep.Assign, RiskItemStep.Cancel, RiskItemStep.MarkCriminalThreshold],
    ],
    ['registered', registered, registeringHead, [RiskItemStep.Assign, RiskItemStep.MarkCriminalThreshold]],
    ['registered', registered, registeringHandler, [RiskItemStep.MarkCriminalThreshold]],
    [
      'assigned',
      () => assigned(),
      responsibleHandler,
      [RiskItemStep.StartRectification, RiskItemStep.MarkCriminalThreshold],
    ],
    [
      'assigned',
      () => assigned(),
      supervisor,
      [RiskItemStep.Suspend, RiskItemStep.Cancel, RiskItemStep.Replan, RiskItemStep.MarkCriminalThreshold],
    ],
    [
      'rectifying',
      rectifying,
      responsibleHead,
      [RiskItemStep.SubmitRectification, RiskItemStep.MarkCriminalThreshold],
    ],
    ['rectifying', rectifying, otherHandler, []],
    [
      'submitted',
      submitted,
      supervisor,
      [RiskItemStep.Accept, RiskItemStep.Reject, RiskItemStep.Cancel, RiskItemStep.MarkCriminalThreshold],
    ],
    ['submitted', submitted, responsibleHandler, [RiskItemStep.MarkCriminalThreshold]],
    [
      'suspended',
      suspended,
      supervisor,
      [RiskItemStep.Resume, RiskItemStep.Cancel, RiskItemStep.MarkCriminalThreshold],
    ],
    ['suspended', suspended, responsibleHead, [RiskItemStep.MarkCriminalThreshold]],
    ['closed', closed, supervisor, []],
    ['cancelled', cancelled, supervisor, []],
    ['rectifying', rectifying, leader, []],
    ['submitted', submitted, auditor, []],
  ] as const)('%s item, %s', (_status, build, who, expected) => {
    expect(allowedRiskItemSteps(build(), who)).toEqual(expected);
  });

  it.each(ALL_STATUSES)('a %s item offers nothing to an anonymous caller (undefined actor)', (status) => {
    expect(allowedRiskItemSteps(STATE_OF[status](), undefined)).toEqual([]);
  });

  it('viewRiskItem is the state plus the steps this actor may take', () => {
    const state = submitted();
    expect(viewRiskItem(state, supervisor)).toEqual({
      ...state,
      allowedSteps: [
        RiskItemStep.Accept,
        RiskItemStep.Reject,
        RiskItemStep.Cancel,
        RiskItemStep.MarkCriminalThreshold,
      ],
    });
    expect(viewRiskItem(state, undefined).allowedSteps).toEqual([]);
  });
});

describe('pure step functions', () => {
  describe('assignRiskItem', () => {
    it('sets the responsible unit and person, starts round 1 on the planned deadline', () => {
      const before = registered();
      const after = assignRiskItem(before, RESPONSIBLE_UNIT, 'canteen-handler-1', FIRST_DEADLINE);
      expect(after).toEqual({
        ...before,
        status: RiskItemStatus.Assigned,
        responsibleUnitId: RESPONSIBLE_UNIT,
        responsibleUserId: 'canteen-handler-1',
        round: 1,
        deadline: FIRST_DEADLINE,
        reminderSent: false,
        overdue: false,
        sequence: 2,
      });
    });

    it('allows no named person (the unit as a whole is responsible)', () => {
      expect(
        assignRiskItem(registered(), RESPONSIBLE_UNIT, null, FIRST_DEADLINE).responsibleUserId,
      ).toBeNull();
    });

    it('clears reminder and overdue marks: a new deadline is a fresh clock', () => {
      const marked = markOverdue(markReminderSent(registered()));
      expect([marked.reminderSent, marked.overdue]).toEqual([true, true]);
      const after = assignRiskItem(marked, RESPONSIBLE_UNIT, null, FIRST_DEADLINE);
      expect([after.reminderSent, after.overdue]).toEqual([false, false]);
    });
  });

  describe('startRectification', () => {
    it('moves an assigned item to rectifying and changes nothing else', () => {
      const before = assigned();
      expect(startRectification(before)).toEqual({
        ...before,
        status: RiskItemStatus.Rectifying,
        sequence: before.sequence + 1,
      });
    });
  });

  describe('submitRectification', () => {
    it('records measures, evidence, who and when, and starts the verification clock', () => {
      const before = markVerificationReminded(rectifying());
      const after = submitRectification(
        before,
        responsibleHead,
        '下架并销毁',
        EVIDENCE,
        SUBMITTED_AT,
        VERIFICATION_DUE_AT,
      );
      expect(after).toEqual({
        ...before,
        status: RiskItemStatus.Submitted,
        rectification: {
          measures: '下架并销毁',
          evidence: EVIDENCE,
          submittedBy: 'canteen-head',
          submittedAt: SUBMITTED_AT,
        },
        verificationDueAt: VERIFICATION_DUE_AT,
        verificationReminded: false,
        sequence: before.sequence + 1,
      });
    });
  });

  describe('acceptRectification', () => {
    it('closes the item (销号) with closedAt, records the verification and stops the verification clock', () => {
      const before = submitted();
      expect(acceptRectification(before, supervisor, VERIFIED_AT)).toEqual({
        ...before,
        status: RiskItemStatus.Closed,
        closedAt: VERIFIED_AT,
        verificationDueAt: null,
        verifications: [
          { result: 'accepted', reason: null, verifiedBy: 'fso-supervisor-1', verifiedAt: VERIFIED_AT },
        ],
        sequence: before.sequence + 1,
      });
    });
  });

  describe('rejectRectification', () => {
    it('returns the item to rectifying for the next round on a new deadline, recording why', () => {
      // A late submission: the reminder went out and the item was overdue before it was submitted.
      const late = submitRectification(
        markOverdue(markReminderSent(rectifying())),
        responsibleHandler,
        '已下架',
        EVIDENCE,
        SUBMITTED_AT,
        VERIFICATION_DUE_AT,
      );
      expect([late.reminderSent, late.overdue, late.round]).toEqual([true, true, 1]);

      const after = rejectRectification(late, supervisor, '进货台账仍未建立', VERIFIED_AT, SECOND_DEADLINE);
      expect(after).toEqual({
        ...late,
        status: RiskItemStatus.Rectifying,
        round: 2,
        verificationDueAt: null,
        verifications: [
          {
            result: 'rejected',
            reason: '进货台账仍未建立',
            verifiedBy: 'fso-supervisor-1',
            verifiedAt: VERIFIED_AT,
          },
        ],
        deadline: SECOND_DEADLINE,
        reminderSent: false,
        overdue: false,
        sequence: late.sequence + 1,
      });
    });

    it('appends to earlier verifications and keeps counting rounds', () => {
      const once = rejectRectification(submitted(), supervisor, 'first', VERIFIED_AT, SECOND_DEADLINE);
      const again = submitRectification(
        once,
        responsibleHandler,
        'm2',
        EVIDENCE,
        SUBMITTED_AT,
        VERIFICATION_DUE_AT,
      );
      const twice = rejectRectification(again, supervisor, 'second', RESUMED_AT, FIRST_DEADLINE);
      expect(twice.round).toBe(3);
      expect(twice.verifications.map((v) => [v.result, v.reason])).toEqual([
        ['rejected', 'first'],
        ['rejected', 'second'],
      ]);
    });
  });

  describe('suspendRiskItem and resumeRiskItem: the clock pauses and keeps exactly what was left', () => {
    // due 2024-10-23T16:00:00.000Z − suspended 2024-10-10T03:25:17.123Z
    //   = 13 d 12 h 34 min 42.877 s = 1 123 200 000 + 43 200 000 + 2 040 000 + 42 877 ms
    const REMAINING_MS = 1_168_482_877;
    // due − reminder = 2024-10-23T16:00Z − 2024-10-21T16:00Z = 2 days
    const REMINDER_LEAD_MS = 172_800_000;

    it('suspend keeps the exact remaining time, the reminder lead and the status to return to', () => {
      const before = rectifying();
      expect(suspendRiskItem(before, SUSPENDED_AT)).toEqual({
        ...before,
        status: RiskItemStatus.Suspended,
        suspension: {
          resumeTo: RiskItemStatus.Rectifying,
          remainingMs: REMAINING_MS,
          reminderLeadMs: REMINDER_LEAD_MS,
          since: SUSPENDED_AT,
        },
        sequence: before.sequence + 1,
      });
    });

    it('suspend keeps no reminder lead once the reminder has been sent', () => {
      expect(
        suspendRiskItem(markReminderSent(rectifying()), SUSPENDED_AT).suspension?.reminderLeadMs,
      ).toBeNull();
    });

    it('suspend keeps no reminder lead when the deadline has no reminder', () => {
      const state = startRectification(assigned(NO_REMINDER_DEADLINE));
      expect(suspendRiskItem(state, '2024-09-30T16:00:00.000Z').suspension).toEqual({
        resumeTo: RiskItemStatus.Rectifying,
        remainingMs: 86_400_000,
        reminderLeadMs: null,
        since: '2024-09-30T16:00:00.000Z',
      });
    });

    it('suspend after the due instant keeps zero remaining time, never negative', () => {
      const late = markOverdue(markReminderSent(rectifying()));
      expect(suspendRiskItem(late, '2024-10-25T00:00:00.000Z').suspension?.remainingMs).toBe(0);
    });

    it('before the 24:00 rule (histories without the patch): dueAt = resume instant + exact remaining time', () => {
      const paused = suspended();
      const after = resumeRiskItem(paused, RESUMED_AT, false);
      // 2024-11-05T01:00:00.000Z + 13 d 12:34:42.877 = 2024-11-18T13:34:42.877Z; reminder 2 days earlier.
      expect(after).toEqual({
        ...paused,
        status: RiskItemStatus.Rectifying,
        suspension: null,
        deadline: {
          dueAt: '2024-11-18T13:34:42.877Z',
          reminderAt: '2024-11-16T13:34:42.877Z',
          rule: {
            en:
              'rectification of a general risk item: 15 working days; suspended 2024-10-10T03:25:17.123Z, ' +
              'resumed 2024-11-05T01:00:00.000Z, remaining time kept: due 2024-11-18T13:34:42.877Z',
            zh:
              '一般隐患整改期限：15个工作日；2024-10-10T03:25:17.123Z中止，2024-11-05T01:00:00.000Z恢复，' +
              '剩余期限不变：2024-11-18T13:34:42.877Z到期',
          },
          policyVersion: '2026-11-28.1',
        },
        sequence: paused.sequence + 1,
      });
      expect(after.deadline?.rule.en).toContain('remaining time kept');
      expect(Date.parse(after.deadline?.dueAt ?? '') - Date.parse(RESUMED_AT)).toBe(REMAINING_MS);
    });

    it('keeps a 24:00 deadline at 24:00: the whole days left after the suspension day, from the resume day', () => {
      const paused = suspended();
      const after = resumeRiskItem(paused, RESUMED_AT, true);
      // Due 10-23 24:00, suspended Thu 10-10 11:25 (+08:00): 13 whole days left (10-11 … 10-23).
      // Resumed Tue 11-05 09:00: 11-06 … 11-18 → due Mon 11-18 24:00; the 2-day reminder lead is kept.
      expect(after).toEqual({
        ...paused,
        status: RiskItemStatus.Rectifying,
        suspension: null,
        deadline: {
          dueAt: '2024-11-18T16:00:00.000Z',
          reminderAt: '2024-11-16T16:00:00.000Z',
          rule: {
            en:
              'rectification of a general risk item: 15 working days; suspended 2024-10-10T03:25:17.123Z, ' +
              'resumed 2024-11-05T01:00:00.000Z, remaining time kept: 13 whole days after the suspension day, ' +
              'counted from the resume day: due 2024-11-18 24:00 (Asia/Shanghai)',
            zh:
              '一般隐患整改期限：15个工作日；2024-10-10T03:25:17.123Z中止，2024-11-05T01:00:00.000Z恢复，' +
              '剩余期限不变：中止之日后尚余13日，自恢复之日起算，2024-11-18 24:00到期',
          },
          policyVersion: '2026-11-28.1',
        },
        sequence: paused.sequence + 1,
      });
    });

    it.each([
      // [suspended at, resumed at, due]: late or early in the day makes no difference, only the days do.
      ['2024-10-10T15:59:59.999Z', '2024-11-05T15:59:59.999Z', '2024-11-18T16:00:00.000Z'], // 23:59:59.999 both
      ['2024-10-10T16:00:00.000Z', '2024-11-04T16:00:00.000Z', '2024-11-17T16:00:00.000Z'], // 00:00 of 10-11 and 11-05: 12 left
      ['2024-10-23T15:00:00.000Z', '2024-11-05T01:00:00.000Z', '2024-11-05T16:00:00.000Z'], // last day: its rest, once
    ])('suspended %s, resumed %s: due %s, exactly 24:00', (suspendedAt, resumedAt, due) => {
      const after = resumeRiskItem(suspendRiskItem(rectifying(), suspendedAt), resumedAt, true);
      expect(after.deadline?.dueAt).toBe(due);
      expect((Date.parse(due) + 8 * 3_600_000) % 86_400_000).toBe(0);
    });

    it('keeps the exact remaining time for a deadline that is not at 24:00 (hours, an explicit instant)', () => {
      const explicit = { ...FIRST_DEADLINE, dueAt: '2024-10-23T09:30:00.000Z', reminderAt: null };
      const paused = suspendRiskItem(startRectification(assigned(explicit)), SUSPENDED_AT);
      const after = resumeRiskItem(paused, RESUMED_AT, true);
      expect(Date.parse(after.deadline!.dueAt) - Date.parse(RESUMED_AT)).toBe(
        Date.parse(explicit.dueAt) - Date.parse(SUSPENDED_AT),
      );
    });

    it('gives a clock that had run out no time back', () => {
      const late = markOverdue(markReminderSent(rectifying()));
      const after = resumeRiskItem(suspendRiskItem(late, '2024-10-25T00:00:00.000Z'), RESUMED_AT, true);
      expect(after.deadline?.dueAt).toBe(RESUMED_AT);
    });

    it('resume returns an item suspended while assigned to assigned', () => {
      const paused = suspendRiskItem(assigned(), SUSPENDED_AT);
      expect(paused.suspension?.resumeTo).toBe(RiskItemStatus.Assigned);
      expect(resumeRiskItem(paused, RESUMED_AT, true).status).toBe(RiskItemStatus.Assigned);
    });

    it('resume of an item whose reminder was already sent keeps the earlier reminderAt', () => {
      const paused = suspendRiskItem(markReminderSent(rectifying()), SUSPENDED_AT);
      const after = resumeRiskItem(paused, RESUMED_AT, true);
      expect(after.deadline?.reminderAt).toBe('2024-10-21T16:00:00.000Z');
      expect(after.reminderSent).toBe(true);
    });

    it('resume without a suspension is a programming error', () => {
      expect(() => resumeRiskItem(rectifying(), RESUMED_AT, true)).toThrow('resume without suspension');
    });
  });

  describe('cancelRiskItem', () => {
    it('records the reason and closedAt, and stops the verification clock', () => {
      const before = submitted();
      expect(cancelRiskItem(before, '经核查不属于食品安全隐患', CANCELLED_AT)).toEqual({
        ...before,
        status: RiskItemStatus.Cancelled,
        cancelReason: '经核查不属于食品安全隐患',
        closedAt: CANCELLED_AT,
        verificationDueAt: null,
        sequence: before.sequence + 1,
      });
    });
  });

  describe('replanRiskItem', () => {
    it('puts the item on a new deadline with fresh reminder and overdue marks, keeping status and round', () => {
      const before = markOverdue(markReminderSent(rectifying()));
      expect(replanRiskItem(before, SECOND_DEADLINE)).toEqual({
        ...before,
        deadline: SECOND_DEADLINE,
        reminderSent: false,
        overdue: false,
        sequence: before.sequence + 1,
      });
    });
  });

  describe('timer marks', () => {
    it.each([
      ['markReminderSent', markReminderSent, { reminderSent: true }],
      ['markOverdue', markOverdue, { overdue: true }],
      ['markVerificationReminded', markVerificationReminded, { verificationReminded: true }],
    ] as const)('%s sets its flag only', (_name, mark, changes) => {
      const before = rectifying();
      expect(mark(before)).toEqual({ ...before, ...changes, sequence: before.sequence + 1 });
    });
  });

  describe('every step increments sequence by exactly 1 and never mutates its input', () => {
    const steps: [string, () => RiskItemState, (s: RiskItemState) => RiskItemState][] = [
      ['assign', registered, (s) => assignRiskItem(s, RESPONSIBLE_UNIT, 'canteen-handler-1', FIRST_DEADLINE)],
      ['start', () => assigned(), startRectification],
      [
        'submit',
        rectifying,
        (s) => submitRectification(s, responsibleHandler, 'm', EVIDENCE, SUBMITTED_AT, VERIFICATION_DUE_AT),
      ],
      ['accept', submitted, (s) => acceptRectification(s, supervisor, VERIFIED_AT)],
      ['reject', submitted, (s) => rejectRectification(s, supervisor, 'no', VERIFIED_AT, SECOND_DEADLINE)],
      ['suspend', rectifying, (s) => suspendRiskItem(s, SUSPENDED_AT)],
      ['resume', suspended, (s) => resumeRiskItem(s, RESUMED_AT, true)],
      ['cancel', rectifying, (s) => cancelRiskItem(s, 'duplicate', CANCELLED_AT)],
      ['replan', rectifying, (s) => replanRiskItem(s, SECOND_DEADLINE)],
      ['markReminderSent', rectifying, markReminderSent],
      ['markOverdue', rectifying, markOverdue],
      ['markVerificationReminded', submitted, markVerificationReminded],
    ];

    it.each(steps)('%s', (_name, build, apply) => {
      const input = build();
      const snapshot = structuredClone(input);
      const output = apply(deepFreeze(input));
      expect(output.sequence).toBe(snapshot.sequence + 1);
      expect(input).toEqual(snapshot);
      expect(output).not.toBe(input);
    });

    it('counts every step along a full life: register 1 → assign 2 → start 3 → submit 4 → accept 5', () => {
      expect([registered(), assigned(), rectifying(), submitted(), closed()].map((s) => s.sequence)).toEqual([
        1, 2, 3, 4, 5,
      ]);
    });
  });
});

describe('nextRiskItemTimer', () => {
  it('waits for the reminder first, when it is set and not yet sent', () => {
    expect(nextRiskItemTimer(assigned())).toEqual({ kind: 'reminder', at: '2024-10-21T16:00:00.000Z' });
    expect(nextRiskItemTimer(rectifying())).toEqual({ kind: 'reminder', at: '2024-10-21T16:00:00.000Z' });
  });

  it('then waits for the due instant (overdue)', () => {
    expect(nextRiskItemTimer(markReminderSent(rectifying()))).toEqual({
      kind: 'overdue',
      at: '2024-10-23T16:00:00.000Z',
    });
  });

  it('goes straight to overdue when the deadline has no reminder', () => {
    expect(nextRiskItemTimer(assigned(NO_REMINDER_DEADLINE))).toEqual({
      kind: 'overdue',
      at: '2024-10-01T16:00:00.000Z',
    });
  });

  it('waits for nothing more once the item is overdue', () => {
    expect(nextRiskItemTimer(markOverdue(markReminderSent(rectifying())))).toBeUndefined();
  });

  it('waits for the verification deadline while submitted, until that reminder is sent', () => {
    expect(nextRiskItemTimer(submitted())).toEqual({ kind: 'verification-due', at: VERIFICATION_DUE_AT });
    expect(nextRiskItemTimer(markVerificationReminded(submitted()))).toBeUndefined();
  });

  it.each([
    ['registered', registered],
    ['suspended', suspended],
    ['closed', closed],
    ['cancelled', cancelled],
  ])('runs no clock for a %s item', (_status, build) => {
    expect(nextRiskItemTimer(build())).toBeUndefined();
  });

  it('restarts the reminder clock after a resume, at the shifted reminder instant', () => {
    expect(nextRiskItemTimer(resumeRiskItem(suspended(), RESUMED_AT, true))).toEqual({
      kind: 'reminder',
      at: '2024-11-16T16:00:00.000Z',
    });
  });

  it('restarts the reminder clock after a rejection, on the new deadline', () => {
    const rejected = rejectRectification(
      submitRectification(
        markReminderSent(rectifying()),
        responsibleHandler,
        'm',
        EVIDENCE,
        SUBMITTED_AT,
        VERIFICATION_DUE_AT,
      ),
      supervisor,
      'no',
      VERIFIED_AT,
      SECOND_DEADLINE,
    );
    expect(nextRiskItemTimer(rejected)).toEqual({ kind: 'reminder', at: SECOND_DEADLINE.reminderAt });
  });
});
