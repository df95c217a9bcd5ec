import { beforeAll, describe, expect, it } from '@jest/globals';
import { type DataSource } from 'typeorm';
import { withDataSource } from '../../libs/platform/src/database/migrate.js';
import { PlanActionNumber1732914000000 } from '../../libs/platform/src/database/migrations/1732914000000-plan-action-number.js';
import { createOwnDatabase } from '../helpers/own-database.js';

/** A plan version stored before decision 0018, in the shape it was stored in then. */
const LEGACY_PLAN = {
  campaign: { documentNo: '旧〔2022〕1号' },
  units: [],
  actions: [
    {
      no: 5,
      nameZh: '行动五',
      indicators: [
        { id: 'a5-x', comparator: '=', targets: [] },
        { id: 'a5-y', comparator: '>=', targets: [] },
      ],
    },
    { no: 11, nameZh: '行动十一', indicators: [] },
  ],
  deliverables: [],
};

describe('migration 1732914000000: stored plan versions get the action key number and no exact comparator', () => {
  let url: string;
  const onDb = <T>(work: (db: DataSource) => Promise<T>) => withDataSource(url, work);

  beforeAll(async () => {
    url = await createOwnDatabase();
  });

  it('rewrites an old version’s plan, keeps its source and sha256, and stays append-only', async () => {
    const source = 'actions:\n  - no: 5\n';
    const version: number = await onDb(async (db) => {
      const [{ next }] = await db.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM plan_version`);
      await db.query(
        `INSERT INTO plan_version (version, sha256, document_no, loaded_at, loaded_by, reason, plan, source)
         VALUES ($1, $2, '旧〔2022〕1号', now(), 'system', 'legacy', $3, $4)`,
        [next, 'a'.repeat(64), JSON.stringify(LEGACY_PLAN), source],
      );
      const runner = db.createQueryRunner();
      try {
        await new PlanActionNumber1732914000000().up(runner);
      } finally {
        await runner.release();
      }
      return next as number;
    });
    const [row]: Array<{
      plan: { actions: Array<Record<string, unknown>> };
      source: string;
      sha256: string;
    }> = await onDb((db) =>
      db.query(`SELECT plan, source, sha256 FROM plan_version WHERE version = $1`, [version]),
    );
    expect(row.plan.actions).toEqual([
      {
        number: 5,
        nameZh: '行动五',
        indicators: [
          { id: 'a5-x', comparator: '>=', targets: [] },
          { id: 'a5-y', comparator: '>=', targets: [] },
        ],
      },
      { number: 11, nameZh: '行动十一', indicators: [] },
    ]);
    expect([row.source, row.sha256]).toEqual([source, 'a'.repeat(64)]);
    // The bundled version loaded after the migrations is untouched, and the trigger is back.
    const [bundled]: Array<{ plan: { actions: Array<{ number: number }> } }> = await onDb((db) =>
      db.query(`SELECT plan FROM plan_version WHERE version = 1`),
    );
    expect(bundled.plan.actions[0].number).toBe(1);
    await expect(
      onDb((db) => db.query(`UPDATE plan_version SET reason = 'x' WHERE version = $1`, [version])),
    ).rejects.toThrow(/append-only/);
  });
});
