import { describe, expect, it } from '@jest/globals';
import { ErrorKind } from '../../../libs/contracts/src/errors.js';
import { Role, type Actor } from '../../../libs/contracts/src/identity.js';
import {
  ReportRequestKind,
  ReportRequestStatus,
  type ReportRequestOpening,
} from '../../../libs/contracts/src/reporting.contracts.js';
import {
  checkReportSubmission,
  markReportMissed,
  markReportReminded,
  nextReportRequestTimer,
  openReportRequest,
  submitReport,
  viewReportRequest,
} from '../../../libs/reporting/src/domain/report-request.rules.js';

const opening: ReportRequestOpening = {
  id: 'BS-2023-02-amr-a5',
  kind: ReportRequestKind.MonthlyReport,
  unitId: 'amr',
  actionNo: 5,
  deliverableId: null,
  title: { zh: '月调度', en: 'Monthly dispatch' },
  period: { label: '2023-02', from: '2023-02-01', to: '2023-02-28' },
  planVersion: 1,
  indicators: [{ id: 'rate', nameZh: '规范化率', measure: 'percent' }],
  deadline: {
    dueAt: '2023-03-07T16:00:00.000Z',
    reminderAt: '2023-03-03T16:00:00.000Z',
    rule: { en: 'r', zh: 'r' },
    policyVersion: 'p',
  },
};
const handler: Actor = { userId: 'handler.amr', role: Role.Handler, unitId: 'amr' };
const otherUnit: Actor = { userId: 'handler.agri', role: Role.Handler, unitId: 'agri' };
const supervisor: Actor = { userId: 'supervisor.fso', role: Role.Supervisor, unitId: 'fso' };
const values = [{ indicatorId: 'rate', value: 55 }];

describe('report request rules', () => {
  const open = openReportRequest(opening, '2023-03-01T00:00:00.000Z');

  it('reminds first, then is due', () => {
    expect(nextReportRequestTimer(open)).toEqual({ kind: 'reminder', at: opening.deadline.reminderAt });
    expect(nextReportRequestTimer(markReportReminded(open))).toEqual({
      kind: 'missed',
      at: opening.deadline.dueAt,
    });
  });

  it('skips a reminder already past at opening', () => {
    const late = openReportRequest(opening, '2023-03-05T00:00:00.000Z');
    expect(nextReportRequestTimer(late)).toEqual({ kind: 'missed', at: opening.deadline.dueAt });
  });

  it('raises a card when missed, unless it was opened after its due date (a backfilled period)', () => {
    expect(markReportMissed(open)).toMatchObject({ status: ReportRequestStatus.Missed, cardRaised: true });
    const backfilled = openReportRequest(opening, '2024-06-01T00:00:00.000Z');
    expect(backfilled.openedLate).toBe(true);
    expect(markReportMissed(backfilled)).toMatchObject({
      status: ReportRequestStatus.Missed,
      cardRaised: false,
    });
  });

  it('is answered by its own unit staff only', () => {
    expect(checkReportSubmission(open, handler, values)).toBeNull();
    expect(checkReportSubmission(open, otherUnit, values)?.kind).toBe(ErrorKind.Forbidden);
    expect(checkReportSubmission(open, supervisor, values)?.kind).toBe(ErrorKind.Forbidden);
    expect(viewReportRequest(open, handler).canSubmit).toBe(true);
    expect(viewReportRequest(open, supervisor).canSubmit).toBe(false);
  });

  it('refuses invalid values and a second submission', () => {
    expect(checkReportSubmission(open, handler, [{ indicatorId: 'rate', value: 101 }])).toMatchObject({
      kind: ErrorKind.Validation,
      message: expect.stringContaining('values[0].value'),
    });
    const submitted = submitReport(
      open,
      handler,
      { values, progress: 'p', problems: '' },
      '2023-03-02T00:00:00.000Z',
    );
    expect(checkReportSubmission(submitted, handler, values)?.kind).toBe(ErrorKind.Conflict);
    expect(nextReportRequestTimer(submitted)).toBeNull();
  });

  it('marks a submission after the due date as late', () => {
    const late = submitReport(
      markReportMissed(open),
      handler,
      { values, progress: 'p', problems: 'q' },
      '2023-03-09T00:00:00.000Z',
    );
    expect(late.submission).toMatchObject({ late: true, submittedBy: 'handler.amr', values });
    expect(late.sequence).toBe(3);
  });
});
