import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** The year in Asia/Shanghai (UTC+8, no daylight saving), which numbers a case. */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** Readable business ids such as `FX-2024-000123`: a gap-free sequence per prefix and year. */
@Injectable()
export class CaseNumberService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inside the caller's transaction when given one: a rollback then gives the number back. */
  async next(
    prefix: string,
    at: Date = new Date(),
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string> {
    const year = shanghaiYear(at);
    const rows: Array<{ last: number }> = await manager.query(
      `INSERT INTO case_counter (prefix, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = case_counter.last + 1
       RETURNING last`,
      [prefix, year],
    );
    return `${prefix}-${year}-${String(rows[0].last).padStart(6, '0')}`;
  }
}
