import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Not, Repository, type FindOptionsWhere } from 'typeorm';
import { type StepContext } from '../../contracts/src/identity.js';
import { INCIDENT_CASE_TYPE } from '../../contracts/src/incident.contracts.js';
import { LedgerService } from '../../ledger/src/ledger.service.js';
import { type ListIncidentsQuery } from './dto/incident.dto.js';
import { IncidentEntity } from './incident.entity.js';
import { incidentAlreadyResolved, incidentNotFound } from './incident.errors.js';
import { toIncidentView, type IncidentPageView, type IncidentView } from './incident.view.js';
import { NO_WORKFLOW_RUN } from '../../contracts/src/ledger.js';

/** Incidents for admins and auditors: listed newest first; an admin resolves one, on the ledger. */
@Injectable()
export class IncidentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(IncidentEntity) private readonly incidents: Repository<IncidentEntity>,
    private readonly ledger: LedgerService,
  ) {}

  async list(query: ListIncidentsQuery): Promise<IncidentPageView> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const where: FindOptionsWhere<IncidentEntity> = {};
    if (query.status) where.resolvedAt = query.status === 'open' ? IsNull() : Not(IsNull());
    if (query.caseType) where.caseType = query.caseType;
    const [rows, total] = await this.incidents.findAndCount({
      where,
      order: { occurredAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toIncidentView), total, limit, offset };
  }

  async get(id: string): Promise<IncidentView> {
    const row = await this.incidents.findOneBy({ id });
    if (!row) throw incidentNotFound(id);
    return toIncidentView(row);
  }

  /** Closes an incident with the admin's reason; the resolution is a step on the incident's own chain. */
  async resolve(id: string, context: StepContext & { reason: string }): Promise<IncidentView> {
    return this.dataSource.transaction(async (tx) => {
      const row = await tx.findOne(IncidentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw incidentNotFound(id);
      if (row.resolvedAt) throw incidentAlreadyResolved(id);
      const before = toIncidentView(row);
      const resolvedAt = new Date();
      await tx.update(
        IncidentEntity,
        { id },
        { resolvedAt, resolvedBy: context.actor.userId, resolution: context.reason },
      );
      const after = toIncidentView({
        ...row,
        resolvedAt,
        resolvedBy: context.actor.userId,
        resolution: context.reason,
      });
      const caseId = `${INCIDENT_CASE_TYPE}/${id}`;
      await this.ledger.appendNext(tx, {
        caseType: INCIDENT_CASE_TYPE,
        caseId,
        actor: context.actor,
        action: 'resolve-incident',
        reason: context.reason,
        stateBefore: before,
        stateAfter: after,
        occurredAt: resolvedAt.toISOString(),
        workflowId: caseId,
        runId: NO_WORKFLOW_RUN,
        requestId: context.requestId,
      });
      return after;
    });
  }
}
