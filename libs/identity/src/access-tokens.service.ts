import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { Role, type Actor, type StepContext } from '../../contracts/src/identity.js';
import { AccessTokenEntity } from './access-token.entity.js';
import { accountInactive, invalidToken, roleNotAllowed } from './auth.errors.js';
import { type AccessTokenView, type CreatedAccessTokenView } from './dto/access-tokens.dto.js';
import { IdentityAction, IdentityLedger } from './identity-ledger.js';
import { personNotFound, tokenNotFound } from './identity.errors.js';
import { newSecret, sha256Hex } from './secrets.js';
import { UserEntity } from './user.entity.js';

/** Personal access tokens start with this, so the guard tells them from JWTs without trying both. */
export const ACCESS_TOKEN_PREFIX = 'dbn_';
export const isAccessToken = (bearer: string): boolean => bearer.startsWith(ACCESS_TOKEN_PREFIX);

/** A token's last use is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;

const view = (t: AccessTokenEntity): AccessTokenView => ({
  id: t.id,
  personId: t.userId,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  createdBy: t.createdBy,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

/**
 * Personal access tokens for scripts: anyone may hold their own; administrators create, list and
 * revoke anyone's. A token acts as its person, with their current role, while both are active.
 */
@Injectable()
export class AccessTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: IdentityLedger,
  ) {}

  async create(
    name: string,
    personId: string | undefined,
    ctx: StepContext,
  ): Promise<CreatedAccessTokenView> {
    const owner = this.ownerFor(ctx.actor, personId);
    const token = `${ACCESS_TOKEN_PREFIX}${newSecret()}`;
    return this.dataSource.transaction(async (tx) => {
      const person = await tx.findOneBy(UserEntity, { id: owner });
      if (!person) throw personNotFound(owner);
      const entity = tx.create(AccessTokenEntity, {
        id: randomUUID(),
        secretSha256: sha256Hex(token),
        userId: owner,
        name,
        createdAt: new Date(),
        createdBy: ctx.actor.userId,
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      });
      await tx.insert(AccessTokenEntity, entity);
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.TokenCreated,
        subject: `token/${entity.id}`,
        reason: null,
        before: null,
        after: { personId: owner, name },
        requestId: ctx.requestId,
      });
      return { ...view(entity), token };
    });
  }

  async list(actor: Actor, personId: string | undefined): Promise<AccessTokenView[]> {
    const owner = actor.role === Role.Admin ? personId : this.ownerFor(actor, personId);
    const tokens = await this.dataSource.getRepository(AccessTokenEntity).find({
      where: owner === undefined ? {} : { userId: owner },
      order: { createdAt: 'DESC' },
    });
    return tokens.map(view);
  }

  /** Revoked tokens are refused from the next request; revoking twice changes nothing. */
  async revoke(id: string, ctx: StepContext): Promise<AccessTokenView> {
    return this.dataSource.transaction(async (tx) => {
      const token = await tx.findOneBy(AccessTokenEntity, { id });
      // Another person's token is as unknown to a non-admin as a missing one.
      if (!token || (ctx.actor.role !== Role.Admin && token.userId !== ctx.actor.userId))
        throw tokenNotFound(id);
      if (token.revokedAt) return view(token);
      const revoked = { ...token, revokedAt: new Date(), revokedBy: ctx.actor.userId };
      await tx.update(
        AccessTokenEntity,
        { id },
        { revokedAt: revoked.revokedAt, revokedBy: revoked.revokedBy },
      );
      await this.ledger.record(tx, {
        actor: ctx.actor,
        action: IdentityAction.TokenRevoked,
        subject: `token/${id}`,
        reason: ctx.reason ?? null,
        before: null,
        after: { personId: token.userId, name: token.name },
        requestId: ctx.requestId,
      });
      return view(revoked);
    });
  }

  /** The active person a presented token stands for, or 401. */
  async resolve(bearer: string): Promise<UserEntity> {
    const token = await this.dataSource
      .getRepository(AccessTokenEntity)
      .findOneBy({ secretSha256: sha256Hex(bearer), revokedAt: IsNull() });
    if (!token) throw invalidToken('unknown or revoked access token');
    const person = await this.dataSource
      .getRepository(UserEntity)
      .findOneBy({ id: token.userId, active: true });
    if (!person) throw accountInactive();
    const now = new Date();
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.dataSource.getRepository(AccessTokenEntity).update({ id: token.id }, { lastUsedAt: now });
    }
    return person;
  }

  private ownerFor(actor: Actor, personId: string | undefined): string {
    if (personId === undefined || personId === actor.userId) return actor.userId;
    if (actor.role !== Role.Admin) throw roleNotAllowed(actor.role, 'act on the tokens of another person');
    return personId;
  }
}
