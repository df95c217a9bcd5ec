import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ReportingReader } from '../../libs/reporting/src/reporting-reader.service.js';
import { createOwnDatabase } from '../helpers/own-database.js';
import { TestSystem } from '../helpers/test-system.js';

/**
 * A quarter's risk-item and card figures are the quarter's, whenever its bulletin is made: 2024-Q3
 * backfilled in December 2026 counts nothing registered, closed, raised or withdrawn after 2024-09-30.
 * Its own database, because it counts amr's risk items and cards; rows are written as the projections
 * hold them, at fixed instants.
 */
describe('bulletin inputs: risk items and cards as of the quarter’s end', () => {
  let system: TestSystem;
  const databaseUrl = process.env.DATABASE_URL;
  const Q3_2024 = { label: '2024-Q3', from: '2024-07-01', to: '2024-09-30' };
  /** A backfill run long after the quarter. */
  const CUTOFF = '2026-12-20T00:00:00.000Z';

  beforeAll(async () => {
    process.env.DATABASE_URL = await createOwnDatabase();
    system = await TestSystem.start();
  });
  afterAll(async () => {
    await system.stop();
    process.env.DATABASE_URL = databaseUrl;
  });

  const db = () => system.api.get(DataSource);
  /** Beijing time, as the quarter's bounds are. */
  const at = (day: string) => `${day}T12:00:00+08:00`;

  const riskItem = (
    n: number,
    item: { registered: string; due: string; overdue: boolean; status: string; closed?: string },
  ) =>
    db().query(
      `INSERT INTO risk_item (id, source, source_date, action_no, business_name, business_address, township_id,
         description, grade, status, overdue, registering_unit_id, registered_by, registered_at, due_at,
         closed_at, state, last_sequence)
       VALUES ($1, 'inspection', $2::date, 5, '某超市', '城关镇', 'township-sample-1', '过期食品', 'general', $3, $4,
         'amr', 'handler.amr', $2, $5, $6, '{}', 1)`,
      [
        `FX-E2E-${n}`,
        at(item.registered),
        item.status,
        item.overdue,
        at(item.due),
        item.closed ? at(item.closed) : null,
      ],
    );

  const card = (n: number, c: { colour: string; raised: string; status: string; closed?: string }) =>
    db().query(
      `INSERT INTO card (id, workflow_id, first_run_id, unit_id, subject_type, subject_id, status, level, colour,
         raised_at, closed_at, state, last_sequence)
       VALUES ($1, $1, 'run', 'amr', 'risk-item', $1, $2, 1, $3, $4, $5, '{}', 1)`,
      [`KP-E2E-${n}`, c.status, c.colour, at(c.raised), c.closed ? at(c.closed) : null],
    );

  it('counts items registered and closed in the quarter, and overdue at its end, not as the run finds them', async () => {
    // Overdue at the quarter's end, closed (销号) only after it.
    await riskItem(1, {
      registered: '2024-08-01',
      due: '2024-08-20',
      overdue: true,
      status: 'closed',
      closed: '2024-10-15',
    });
    await riskItem(2, {
      registered: '2024-07-10',
      due: '2024-07-30',
      overdue: true,
      status: 'closed',
      closed: '2025-01-05',
    });
    // Closed in time, in the quarter.
    await riskItem(3, {
      registered: '2024-08-05',
      due: '2024-08-25',
      overdue: false,
      status: 'closed',
      closed: '2024-08-10',
    });
    // Cancelled in the quarter after its deadline: neither overdue nor 销号.
    await riskItem(4, {
      registered: '2024-09-01',
      due: '2024-09-20',
      overdue: true,
      status: 'cancelled',
      closed: '2024-09-25',
    });
    // Cancelled after the quarter: it was overdue at its end.
    await riskItem(5, {
      registered: '2024-09-15',
      due: '2024-09-28',
      overdue: true,
      status: 'cancelled',
      closed: '2024-11-01',
    });
    // Due only after the quarter: not overdue at its end, though overdue now.
    await riskItem(6, { registered: '2024-09-10', due: '2024-10-20', overdue: true, status: 'rectifying' });
    // Registered before the quarter, still open and overdue at its end.
    await riskItem(7, { registered: '2024-05-01', due: '2024-06-01', overdue: true, status: 'rectifying' });
    // Registered in December 2026, overdue as the backfill runs: not the quarter's.
    await riskItem(8, { registered: '2026-12-05', due: '2026-12-10', overdue: true, status: 'assigned' });

    const inputs = await system.api.get(ReportingReader).bulletinInputs(Q3_2024, CUTOFF);
    expect(inputs.riskItems).toEqual([{ unitId: 'amr', opened: 6, closed: 1, overdue: 4 }]);
  });

  it('counts cards raised and lifted in the quarter, leaving out those withdrawn by its end only', async () => {
    await card(1, { colour: 'yellow', raised: '2024-08-01', status: 'open' });
    await card(2, { colour: 'yellow', raised: '2024-08-02', status: 'withdrawn', closed: '2024-09-01' });
    // Withdrawn after the quarter: it stood at the quarter's end.
    await card(3, { colour: 'yellow', raised: '2024-08-03', status: 'withdrawn', closed: '2025-02-01' });
    await card(4, { colour: 'yellow', raised: '2024-07-05', status: 'lifted', closed: '2024-09-05' });
    // Raised before the quarter, lifted after it: in neither column.
    await card(5, { colour: 'yellow', raised: '2024-06-01', status: 'lifted', closed: '2024-10-10' });
    // Raised in December 2026: no red column in 2024-Q3.
    await card(6, { colour: 'red', raised: '2026-12-01', status: 'open' });

    const inputs = await system.api.get(ReportingReader).bulletinInputs(Q3_2024, CUTOFF);
    expect(inputs.cards).toEqual([{ unitId: 'amr', colour: 'yellow', raised: 3, lifted: 1 }]);
  });

  const referral = (
    n: number,
    r: { recorded: string; transferred?: string; outcome?: string; closed?: string },
  ) =>
    db().query(
      `INSERT INTO referral (id, unit_id, action_no, source, source_ref, category, status, outcome, recorded_at,
         transferred_at, closed_at, state, last_sequence)
       VALUES ($1, 'amr', 5, 'inspection', $1, 'food', 'open', $2, $3, $4, $5, '{}', 1)`,
      [
        `YX-E2E-${n}`,
        r.outcome ?? null,
        at(r.recorded),
        r.transferred ? at(r.transferred) : null,
        r.closed ? at(r.closed) : null,
      ],
    );

  it('counts referral leads of the quarter with their outcome at its end', async () => {
    await referral(1, { recorded: '2024-08-01', transferred: '2024-08-03' });
    // Transferred only after the quarter: at its end a lead not yet referred.
    await referral(2, { recorded: '2024-08-05', transferred: '2024-11-01' });
    await referral(3, { recorded: '2024-08-06', outcome: 'refused-by-head', closed: '2024-08-10' });
    // A lead of December: not the quarter's.
    await referral(4, { recorded: '2024-12-01', transferred: '2024-12-02' });
    // A risk item at the threshold in the quarter, referred only in December (referral 4): still this
    // quarter's lead, unreferred at its end.
    await riskItem(9, { registered: '2024-08-20', due: '2024-09-20', overdue: false, status: 'closed' });
    await db().query(
      `UPDATE risk_item SET criminal_threshold_at = $1, referral_id = 'YX-E2E-4' WHERE id = 'FX-E2E-9'`,
      [at('2024-09-01')],
    );

    const inputs = await system.api.get(ReportingReader).bulletinInputs(Q3_2024, CUTOFF);
    expect(inputs.referrals).toEqual([
      expect.objectContaining({
        unitId: 'amr',
        actionNo: 5,
        leadsMeetingThreshold: 4,
        referred: 1,
        refusedWithReason: 1,
      }),
    ]);
  });

  it('leaves out of a quarter’s cards the lagging cards an earlier quarter’s bulletin raised in it', async () => {
    const before = await system.api.get(ReportingReader).bulletinInputs(Q3_2024, CUTOFF);
    // 2024-Q2's bulletin, made on 20 July, raised its lagging card in 2024-Q3.
    await db().query(
      `INSERT INTO card (id, workflow_id, first_run_id, unit_id, subject_type, subject_id, status, level, colour,
         raised_at, state, last_sequence)
       VALUES ('KP-E2E-9', 'KP-E2E-9', 'run', 'amr', 'lagging-indicator', 'TB-2024-Q2-1', 'open', 1, 'yellow', $1,
         '{}', 1)`,
      [at('2024-07-20')],
    );
    const after = await system.api.get(ReportingReader).bulletinInputs(Q3_2024, CUTOFF);
    expect(after.cards).toEqual(before.cards);
  });
});
