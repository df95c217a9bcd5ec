import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { CaseDocumentSources } from './case-document-sources.js';
import { HistoryArchive } from './history-archive.service.js';
import { HistoryArchiveSweeper } from './history-archive.sweeper.js';
import { WorkflowHistoryArchiveEntity } from './workflow-history-archive.entity.js';

/** API side: the auditors' endpoints, reading the ledger and (archived) workflow histories. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkflowHistoryArchiveEntity]), LedgerModule],
  controllers: [AuditController],
  providers: [AuditService, HistoryArchive, CaseDocumentSources],
  exports: [CaseDocumentSources, HistoryArchive],
})
export class AuditModule {}

/** Worker side: the periodic sweep that archives closed runs' histories. */
@Module({
  imports: [TypeOrmModule.forFeature([WorkflowHistoryArchiveEntity])],
  providers: [HistoryArchive, HistoryArchiveSweeper],
})
export class AuditArchiveModule {}
