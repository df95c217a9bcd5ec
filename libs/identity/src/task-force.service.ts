import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type StepContext } from '../../contracts/src/identity.js';
import { ReasonField } from '../../platform/src/http/reason-fields.js';
import { RequiredText } from '../../platform/src/http/text-fields.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { personNotFound } from './identity.errors.js';
import { StaffEntryView, toStaffEntry } from './staff-directory.service.js';
import { UnitEntity } from './unit.entity.js';
import { UserEntity } from './user.entity.js';

/** A member as every signed-in official may see them: the directory's entry, never their account's state. */
export class TaskForceMemberView extends StaffEntryView {
  @ApiProperty({ example: '市场监管局' }) unitName: string;
  @ApiProperty({ example: '组长' }) duty: string;
  @ApiProperty() addedAt: string;
}

export class TaskForceMemberDto {
  @RequiredText(100, { example: '综合协调组成员' })
  duty: string;

  @ReasonField('县政府办公室通知抽调')
  reason: string;
}

/**
 * The campaign's special-action task force (专班): people drawn from their units, who keep their one
 * role in one unit (decision 0020); membership is a list beside it, changed by the administrator.
 */
@Injectable()
export class TaskForceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: IdentityLedger,
  ) {}

  async members(): Promise<TaskForceMemberView[]> {
    const rows: Array<{ user_id: string; duty: string; added_at: Date }> = await this.dataSource.query(
      `SELECT user_id, duty, added_at FROM task_force_member ORDER BY added_at, user_id`,
    );
    const people = new Map(
      (await this.dataSource.getRepository(UserEntity).findBy({})).map((p) => [p.id, p] as const),
    );
    const units = new Map((await this.dataSource.getRepository(UnitEntity).find()).map((u) => [u.id, u]));
    return rows.flatMap((row) => {
      const person = people.get(row.user_id);
      if (!person) return [];
      return [
        {
          ...toStaffEntry(person),
          unitName: units.get(person.unitId)?.nameZh ?? person.unitId,
          duty: row.duty,
          addedAt: row.added_at.toISOString(),
        },
      ];
    });
  }

  /** Adds a person or changes their duty. */
  async put(personId: string, duty: string, ctx: StepContext): Promise<TaskForceMemberView[]> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.findOneBy(UserEntity, { id: personId, active: true }))) throw personNotFound(personId);
      const [before] = await tx.query<Array<{ duty: string }>>(
        `SELECT duty FROM task_force_member WHERE user_id = $1`,
        [personId],
      );
      await tx.query(
        `INSERT INTO task_force_member (user_id, duty, added_at, added_by) VALUES ($1, $2, now(), $3)
         ON CONFLICT (user_id) DO UPDATE SET duty = EXCLUDED.duty`,
        [personId, duty, ctx.actor.userId],
      );
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.TaskForceJoined,
        subject: `person/${personId}`,
        reason: ctx.reason ?? null,
        before: before ? { duty: before.duty } : null,
        after: { duty },
        requestId: ctx.requestId,
      });
    });
    return this.members();
  }

  async remove(personId: string, ctx: StepContext): Promise<TaskForceMemberView[]> {
    await this.dataSource.transaction(async (tx) => {
      const removed: unknown[][] = await tx.query(
        `DELETE FROM task_force_member WHERE user_id = $1 RETURNING duty`,
        [personId],
      );
      if (removed[0].length === 0) return;
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.TaskForceLeft,
        subject: `person/${personId}`,
        reason: ctx.reason ?? null,
        before: removed[0][0] as Record<string, unknown>,
        after: {},
        requestId: ctx.requestId,
      });
    });
    return this.members();
  }
}
