import { describe, expect, it } from '@jest/globals';
import {
  DirectiveStatus,
  DirectiveStep,
  type DirectiveState,
  type IssueDirectiveInput,
} from '../../../libs/contracts/src/directive.contracts.js';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import {
  acknowledge,
  allowedDirectiveSteps,
  checkAcknowledge,
  issueDirective,
  viewDirective,
} from '../../../libs/directives/src/domain/directive.rules.js';

const ISSUED_AT = '2024-03-01T02:00:00.000Z';
const ACKED_AT = '2024-03-02T03:30:00.000Z';

const actor = (role: Role, unitId: string, userId = `${unitId}-${role}`): Actor => ({ userId, role, unitId });
const officer = actor(Role.Supervisor, 'fso', 'office-1');
const mktHandler = actor(Role.Handler, 'mkt', 'mkt-h1');
const mktHead = actor(Role.UnitHead, 'mkt', 'mkt-head');

const input: IssueDirectiveInput = {
  id: 'DB-2024-000001',
  title: 'Inspect school canteens',
  body: 'Before 15 March',
  assigneeUnitId: 'mkt',
  context: { actor: officer, requestId: 'req-1' },
};

const issued = (): DirectiveState => issueDirective(input, ISSUED_AT);

describe('issueDirective', () => {
  it('builds an issued directive at sequence 1, issued by the acting user', () => {
    expect(issued()).toEqual({
      id: 'DB-2024-000001',
      title: 'Inspect school canteens',
      body: 'Before 15 March',
      assigneeUnitId: 'mkt',
      status: DirectiveStatus.Issued,
      issuedBy: 'office-1',
      issuedAt: ISSUED_AT,
      acknowledgedBy: null,
      acknowledgedAt: null,
      note: null,
      sequence: 1,
    });
  });

  it('uses the status value "issued"', () => {
    expect(issued().status).toBe('issued');
  });
});

describe('checkAcknowledge', () => {
  it.each([
    ['handler', mktHandler],
    ['unit head', mktHead],
  ])("allows the assignee unit's %s", (_name, who) => {
    expect(checkAcknowledge(issued(), who)).toBeUndefined();
  });

  const notAssignee = {
    code: 'directive.not-assignee',
    kind: ErrorKind.Forbidden,
    message: "Only a handler or the head of the directive's unit may acknowledge it",
  };

  it.each([
    ['a handler of another unit (agri)', actor(Role.Handler, 'agri')],
    ['a unit head of another unit (agri)', actor(Role.UnitHead, 'agri')],
    ['the supervisor who issued it (fso)', officer],
    ['a supervisor of the assignee unit', actor(Role.Supervisor, 'mkt')],
    ['a leader of the assignee unit', actor(Role.Leader, 'mkt')],
    ['a police liaison of the assignee unit', actor(Role.PoliceLiaison, 'mkt')],
    ['an auditor of the assignee unit', actor(Role.Auditor, 'mkt')],
    ['an admin of the assignee unit', actor(Role.Admin, 'mkt')],
  ])('refuses %s as not the assignee (forbidden)', (_name, who) => {
    expect(checkAcknowledge(issued(), who)).toEqual(notAssignee);
  });

  it('refuses a second acknowledgement as an illegal step (conflict)', () => {
    const acked = acknowledge(issued(), mktHandler, null, ACKED_AT);
    expect(checkAcknowledge(acked, mktHead)).toEqual({
      code: 'directive.illegal-step',
      kind: ErrorKind.Conflict,
      message: 'The directive is already acknowledged',
    });
  });

  it('reports the illegal step before the wrong actor when both apply', () => {
    const acked = acknowledge(issued(), mktHandler, null, ACKED_AT);
    expect(checkAcknowledge(acked, actor(Role.Handler, 'agri'))).toMatchObject({
      code: 'directive.illegal-step',
      kind: ErrorKind.Conflict,
    });
  });
});

describe('acknowledge', () => {
  it('records who acknowledged, when and with what note, and moves the sequence on', () => {
    expect(acknowledge(issued(), mktHandler, 'on it', ACKED_AT)).toEqual({
      ...issued(),
      status: DirectiveStatus.Acknowledged,
      acknowledgedBy: 'mkt-h1',
      acknowledgedAt: ACKED_AT,
      note: 'on it',
      sequence: 2,
    });
  });

  it('accepts a null note', () => {
    expect(acknowledge(issued(), mktHead, null, ACKED_AT).note).toBeNull();
  });

  it('increments whatever sequence the state is at', () => {
    expect(acknowledge({ ...issued(), sequence: 7 }, mktHandler, null, ACKED_AT).sequence).toBe(8);
  });

  it('does not mutate the input state', () => {
    const before = issued();
    const snapshot = structuredClone(before);
    const after = acknowledge(before, mktHandler, 'note', ACKED_AT);
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
  });
});

describe('allowedDirectiveSteps and viewDirective', () => {
  it('offers no steps to an anonymous viewer', () => {
    expect(allowedDirectiveSteps(issued(), undefined)).toEqual([]);
    expect(viewDirective(issued(), undefined).allowedSteps).toEqual([]);
  });

  it('offers acknowledge to the assignee handler while issued', () => {
    expect(allowedDirectiveSteps(issued(), mktHandler)).toEqual([DirectiveStep.Acknowledge]);
    expect(allowedDirectiveSteps(issued(), mktHandler)).toEqual(['acknowledge']);
  });

  it('offers nothing to someone who may not acknowledge', () => {
    expect(allowedDirectiveSteps(issued(), officer)).toEqual([]);
    expect(allowedDirectiveSteps(issued(), actor(Role.Handler, 'agri'))).toEqual([]);
  });

  it('offers nothing once acknowledged', () => {
    const acked = acknowledge(issued(), mktHandler, null, ACKED_AT);
    expect(allowedDirectiveSteps(acked, mktHandler)).toEqual([]);
  });

  it('views the whole state plus the allowed steps, without mutating the state', () => {
    const state = issued();
    const view = viewDirective(state, mktHead);
    expect(view).toEqual({ ...issued(), allowedSteps: ['acknowledge'] });
    expect('allowedSteps' in state).toBe(false);
  });
});
