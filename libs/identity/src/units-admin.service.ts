import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type StepContext } from '../../contracts/src/identity.js';
import { parseUnitImport, type ImportedUnit } from './domain/unit-import.js';
import { unitNameKey } from './domain/unit-names.js';
import { type ChangeUnitDto, type CreateUnitDto, type ImportReportView } from './dto/units.dto.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { unitCycle, unitIdTaken, unitNameTaken, unitNotFound, unknownUnit } from './identity.errors.js';
import { UnitEntity } from './unit.entity.js';

const UNIT_FIELDS = ['nameZh', 'nameEn', 'kind', 'parentId', 'active'] as const;
const recorded = (u: UnitEntity | ImportedUnit) =>
  Object.fromEntries(UNIT_FIELDS.map((f) => [f, u[f]])) as Record<(typeof UNIT_FIELDS)[number], unknown>;

/**
 * Administration of units (admins only, at the controller). Nothing is ever deleted: cases, people
 * and the ledger refer to units by id, so a unit that is gone is deactivated (kept, no new people).
 */
@Injectable()
export class UnitsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: IdentityLedger,
  ) {}

  async create(dto: CreateUnitDto, ctx: StepContext): Promise<UnitEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockUnits(tx);
      if (await tx.findOneBy(UnitEntity, { id: dto.id })) throw unitIdTaken(dto.id);
      if (dto.parentId) await this.requireUnit(tx, dto.parentId, 'parentId');
      await refuseNameInUse(tx, dto.id, dto.nameZh);
      const unit = tx.create(UnitEntity, {
        ...dto,
        nameEn: dto.nameEn ?? null,
        parentId: dto.parentId ?? null,
        active: true,
        isSample: false,
      });
      await tx.insert(UnitEntity, { ...unit, addedAt: new Date() });
      await this.record(tx, ctx, IdentityAction.UnitCreated, unit, null, dto.reason ?? null);
      return tx.findOneByOrFail(UnitEntity, { id: dto.id });
    });
  }

  /** Rename, re-kind or re-parent; a parent may not be the unit or one below it. */
  async change(id: string, dto: ChangeUnitDto, ctx: StepContext): Promise<UnitEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockUnits(tx);
      const before = await this.unit(tx, id);
      const { reason, ...fields } = dto;
      if (fields.parentId) {
        await this.requireUnit(tx, fields.parentId, 'parentId');
        if (await isAtOrBelow(tx, fields.parentId, id)) throw unitCycle(id, fields.parentId);
      }
      const after = { ...before, ...defined(fields) };
      if (after.active) await refuseNameInUse(tx, id, after.nameZh);
      await tx.update(UnitEntity, { id }, defined(fields));
      await this.record(tx, ctx, IdentityAction.UnitChanged, after, before, reason);
      return tx.findOneByOrFail(UnitEntity, { id });
    });
  }

  /**
   * Retires (停用) or reactivates a unit. Nothing is refused for the units below it or for its kind: they
   * stay as they are, and the console says so before the click (decision 0020, addendum of 2026-12-03).
   */
  async setActive(id: string, active: boolean, reason: string, ctx: StepContext): Promise<UnitEntity> {
    return this.dataSource.transaction(async (tx) => {
      await lockUnits(tx);
      const before = await this.unit(tx, id);
      if (before.active === active) return before;
      if (active) await refuseNameInUse(tx, id, before.nameZh);
      const at = new Date();
      await tx.update(UnitEntity, { id }, { active, ...retirement(active, at) });
      const action = active ? IdentityAction.UnitReactivated : IdentityAction.UnitDeactivated;
      await this.record(tx, ctx, action, { ...before, active }, before, reason, at);
      return tx.findOneByOrFail(UnitEntity, { id });
    });
  }

  /**
   * Creates and updates units from a file, all or nothing: a file with any problem changes nothing and
   * the report lists every problem by line. Importing the same file again changes nothing.
   */
  async import(
    content: string,
    format: 'csv' | 'yaml',
    options: { dryRun: boolean; reason: string | null },
    ctx: StepContext,
  ): Promise<ImportReportView> {
    return this.dataSource.transaction(async (tx) => {
      await lockUnits(tx);
      const existing = new Map((await tx.find(UnitEntity)).map((u) => [u.id, u]));
      const { units, problems, problemsNotListed, parentsByName } = parseUnitImport(
        content,
        format,
        new Map([...existing.values()].map((u) => [u.id, u])),
      );
      const report: ImportReportView = {
        applied: false,
        created: [],
        changed: [],
        unchanged: 0,
        problems,
        problemsNotListed,
        parentsByName,
        unitNames: {},
      };
      const toWrite: Array<{ unit: ImportedUnit; before: UnitEntity | undefined }> = [];
      for (const unit of units) {
        const before = existing.get(unit.id);
        const fields = before ? UNIT_FIELDS.filter((f) => before[f] !== unit[f]) : [];
        if (!before) report.created.push(unit.id);
        else if (fields.length > 0) report.changed.push({ id: unit.id, fields: [...fields] });
        else report.unchanged++;
        if (!before || fields.length > 0) {
          toWrite.push({ unit, before });
          report.unitNames[unit.id] = unit.nameZh;
        }
      }
      // A parent the file gave by name: the unit's name as the file leaves it (the file's, else the database's).
      const fromFile = new Map(units.map((unit) => [unit.id, unit.nameZh]));
      for (const { id, name } of parentsByName) {
        report.unitNames[id] = fromFile.get(id) ?? existing.get(id)?.nameZh ?? name;
      }
      if (problems.length > 0 || options.dryRun) return report;
      const at = new Date();
      // Parents first: new units may name each other as parents in any order. Insert without parents,
      // then set every field.
      for (const { unit, before } of toWrite) {
        if (!before) await tx.insert(UnitEntity, { ...unit, parentId: null, isSample: false, addedAt: at });
      }
      for (const { unit, before } of toWrite) {
        // A unit the file retires or brings back; a new one listed as not in use never was (retired as added).
        const turned = !before || before.active !== unit.active;
        await tx.update(
          UnitEntity,
          { id: unit.id },
          { ...unit, ...(turned ? retirement(unit.active, at) : {}) },
        );
        const action = before ? IdentityAction.UnitChanged : IdentityAction.UnitCreated;
        await this.record(tx, ctx, action, unit, before ?? null, options.reason, at);
      }
      report.applied = true;
      return report;
    });
  }

  private async requireUnit(tx: EntityManager, id: string, field: string): Promise<UnitEntity> {
    const unit = await tx.findOneBy(UnitEntity, { id });
    if (!unit) throw unknownUnit(id, field);
    return unit;
  }

  private async unit(tx: EntityManager, id: string): Promise<UnitEntity> {
    const unit = await tx.findOneBy(UnitEntity, { id });
    if (!unit) throw unitNotFound(id);
    return unit;
  }

  private async record(
    tx: EntityManager,
    ctx: StepContext,
    action: IdentityAction,
    after: UnitEntity | ImportedUnit,
    before: UnitEntity | null,
    reason: string | null,
    /** The step's moment, when the unit's row keeps it too (retired_at): one moment in both. */
    occurredAt?: Date,
  ): Promise<void> {
    await this.ledger.record(tx, {
      actor: ctx.actor,
      action,
      subject: `unit/${after.id}`,
      reason,
      before: before && recorded(before),
      after: recorded(after),
      requestId: ctx.requestId,
      occurredAt,
    });
  }
}

/** A unit retired now keeps the moment (a year's assessment reads it); one back in use has none. */
const retirement = (active: boolean, at: Date) => ({ retiredAt: active ? null : at });

/** One writer of the unit tree at a time, so parents checked stay valid until commit. */
const lockUnits = (tx: EntityManager) => tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity/units'))`);

/**
 * Refuses a Chinese name another unit in use already has (the unit's own, or a deactivated one's, is
 * free), as the names read (`unitNameKey`: `市场监管局\u3000` and `市场\u200b监管局` are `市场监管局`).
 * Compared here rather than by the database: names stored before the key existed are not rewritten,
 * and a county's units are a few hundred rows read under the units lock.
 */
async function refuseNameInUse(tx: EntityManager, id: string, nameZh: string): Promise<void> {
  const key = unitNameKey(nameZh);
  const inUse = await tx.findBy(UnitEntity, { active: true });
  const other = inUse.find((u) => u.id !== id && unitNameKey(u.nameZh) === key);
  if (other) throw unitNameTaken(nameZh, other);
}

/** Whether `candidate` is `id` or lies below it in the unit tree. */
async function isAtOrBelow(tx: EntityManager, candidate: string, id: string): Promise<boolean> {
  const rows: unknown[] = await tx.query(
    `WITH RECURSIVE up(id, parent_id) AS (
       SELECT id, parent_id FROM unit WHERE id = $1
       UNION SELECT u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id)
     SELECT 1 FROM up WHERE id = $2`,
    [candidate, id],
  );
  return rows.length > 0;
}

function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}
