import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { IncidentEntity } from './incident.entity.js';
import { IncidentMetrics } from './incident-metrics.js';
import { IncidentRecorder } from './incident-recorder.service.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsService } from './incidents.service.js';

/** HTTP side (API): admins and auditors list incidents; admins resolve them. */
@Module({
  imports: [TypeOrmModule.forFeature([IncidentEntity]), LedgerModule],
  controllers: [IncidentsController],
  providers: [IncidentsService],
})
export class IncidentsModule {}

/** Worker side: the recorder the activity interceptor writes through, and the incident counter. */
@Module({
  providers: [IncidentRecorder, IncidentMetrics],
  exports: [IncidentRecorder, IncidentMetrics],
})
export class IncidentRecorderModule {}
