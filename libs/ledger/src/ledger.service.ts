import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { type LedgerStep } from '../../contracts/src/ledger.js';
import { ErrorKind } from '../../contracts/src/errors.js';
import { DubanError } from '../../platform/src/errors/duban-error.js';
import {
  ChainVerifier,
  entryHash,
  GENESIS_HASH,
  ledgerContent,
  type ChainedEntry,
  type ChainVerdict,
  stepContent,
} from './domain/ledger-chain.js';
import { LedgerEntryEntity } from './ledger-entry.entity.js';

/** How many entries of a chain a verification reads at a time. */
export const VERIFY_BATCH_SIZE = 500;

/** An entry as hashed (times as ISO strings), without the columns the hash does not cover. */
export function toChainedEntry(e: LedgerEntryEntity): ChainedEntry {
  return {
    ...ledgerContent({ ...e, occurredAt: e.occurredAt.toISOString() }),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export enum LedgerErrorCode {
  SequenceGap = 'ledger.sequence-gap',
  SequenceTaken = 'ledger.sequence-taken',
}

/** What an append reads of the entries at and before its sequence. */
interface ChainNeighbour {
  sequence: number;
  workflowId: string;
  action: string;
  hash: string;
  stateAfter: unknown;
}

@Injectable()
export class LedgerService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one step inside the caller's transaction. Idempotent: an activity retried after a crash
   * finds its own entry (same workflow id and sequence) and gets it back instead of a duplicate. A step
   * sent without its state before takes the previous entry's state after.
   */
  async append(manager: EntityManager, step: LedgerStep): Promise<LedgerEntryEntity> {
    // Serialise appends per case, so two writers can never chain onto the same predecessor.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [step.caseId]);
    const repo = manager.getRepository(LedgerEntryEntity);
    // The step's own sequence (a retry) and its predecessor in one read, only the columns chaining needs:
    // every step of every case passes here, inside the workflow task that waits for it.
    const neighbours: ChainNeighbour[] = await manager.query(
      `SELECT sequence, workflow_id AS "workflowId", action, hash, state_after AS "stateAfter"
       FROM ledger_entry WHERE case_id = $1 AND sequence IN ($2, $3)`,
      [step.caseId, step.sequence, step.sequence - 1],
    );
    const existing = neighbours.find((n) => n.sequence === step.sequence);
    if (existing) {
      if (existing.workflowId === step.workflowId && existing.action === step.action) {
        return repo.findOneByOrFail({ caseId: step.caseId, sequence: step.sequence });
      }
      throw new DubanError(
        ErrorKind.Conflict,
        LedgerErrorCode.SequenceTaken,
        `ledger sequence ${step.sequence} of ${step.caseId} is already taken`,
      );
    }
    const previous = neighbours.find((n) => n.sequence === step.sequence - 1);
    if (step.sequence > 1 && !previous) {
      throw new DubanError(
        ErrorKind.Conflict,
        LedgerErrorCode.SequenceGap,
        `ledger entry ${step.sequence - 1} of ${step.caseId} is missing`,
      );
    }
    const stateBefore = step.stateBefore !== undefined ? step.stateBefore : (previous?.stateAfter ?? null);
    const content = stepContent({ ...step, stateBefore });
    const prevHash = previous?.hash ?? GENESIS_HASH;
    const entry = repo.create({
      ...content,
      occurredAt: new Date(step.occurredAt),
      prevHash,
      hash: entryHash(prevHash, content),
    });
    // A plain insert: the row is only ever inserted, and `save`'s change tracking cost about a millisecond
    // of every step. The cast is for the two jsonb columns, typed `unknown`, which insert's type rejects.
    await repo.insert(entry as QueryDeepPartialEntity<LedgerEntryEntity>);
    return entry;
  }

  /**
   * Appends at the next free sequence of a chain the caller does not keep count of (e.g. the daily
   * chain of refused actions), under the same per-case lock.
   */
  async appendNext(manager: EntityManager, step: Omit<LedgerStep, 'sequence'>): Promise<LedgerEntryEntity> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [step.caseId]);
    const rows: Array<{ last: number | null }> = await manager.query(
      'SELECT max(sequence) AS last FROM ledger_entry WHERE case_id = $1',
      [step.caseId],
    );
    return this.append(manager, { ...step, sequence: (rows[0]?.last ?? 0) + 1 });
  }

  /** A case's entries in order, oldest first. */
  async entriesOf(caseId: string): Promise<LedgerEntryEntity[]> {
    return this.dataSource
      .getRepository(LedgerEntryEntity)
      .find({ where: { caseId }, order: { sequence: 'ASC' } });
  }

  /** Recomputes a case's chain batch by batch in sequence order: memory stays flat however long it is. */
  async verifyCase(
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
    batchSize = VERIFY_BATCH_SIZE,
  ): Promise<ChainVerdict> {
    const verifier = new ChainVerifier();
    const entries = manager.getRepository(LedgerEntryEntity);
    for (let after = 0; ;) {
      const batch = await entries.find({
        where: { caseId, sequence: MoreThan(after) },
        order: { sequence: 'ASC' },
        take: batchSize,
      });
      verifier.add(batch.map(toChainedEntry));
      if (batch.length < batchSize) return verifier.verdict();
      after = batch[batch.length - 1].sequence;
    }
  }
}
