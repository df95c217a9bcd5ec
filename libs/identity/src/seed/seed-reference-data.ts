import { type DataSource } from 'typeorm';
import { SEED_UNITS, SEED_USERS } from './reference-data.js';

/** Inserts the reference units and users; rows that already exist are left as they are. */
export async function seedReferenceData(dataSource: DataSource): Promise<{ units: number; users: number }> {
  return dataSource.transaction(async (tx) => {
    let units = 0;
    for (const u of SEED_UNITS) {
      const rows: unknown[] = await tx.query(
        `INSERT INTO unit (id, name_zh, name_en, kind, is_sample) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [u.id, u.nameZh, u.nameEn, u.kind, u.isSample ?? false],
      );
      units += rows.length;
    }
    let users = 0;
    for (const u of SEED_USERS) {
      const rows: unknown[] = await tx.query(
        `INSERT INTO app_user (id, display_name, role, unit_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [u.id, u.displayName, u.role, u.unitId],
      );
      users += rows.length;
    }
    return { units, users };
  });
}
