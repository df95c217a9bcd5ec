import { Module } from '@nestjs/common';
import { DirectiveActivitiesModule } from '../../../libs/directives/src/directives.module.js';
import { NotificationActivitiesModule } from '../../../libs/notifications/src/notifications.module.js';
import { ConfigModule } from '../../../libs/platform/src/config/config.module.js';
import { CardActivitiesModule } from '../../../libs/cards/src/cards.module.js';
import { TemporalClientModule } from '../../../libs/platform/src/temporal/temporal-client.module.js';
import { RiskItemActivitiesModule } from '../../../libs/risk-items/src/risk-items.module.js';
import { ReferralActivitiesModule } from '../../../libs/referrals/src/referrals.module.js';
import { ReportingActivitiesModule } from '../../../libs/reporting/src/reporting.module.js';
import { DatabaseModule } from '../../../libs/platform/src/database/database.module.js';
import { LoggingModule } from '../../../libs/platform/src/logging/logging.module.js';
import { AuditArchiveModule } from '../../../libs/audit/src/audit.module.js';
import { IncidentRecorderModule } from '../../../libs/incidents/src/incidents.module.js';
import { ComplaintActivitiesModule } from '../../../libs/complaints/src/complaints.module.js';
import { TemporalWorkerService } from './temporal-worker.service.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    DirectiveActivitiesModule,
    NotificationActivitiesModule,
    RiskItemActivitiesModule,
    CardActivitiesModule,
    ReferralActivitiesModule,
    ReportingActivitiesModule,
    ComplaintActivitiesModule,
    // Activities reach other cases only through CaseSignals (decision 0015), which needs the client.
    TemporalClientModule,
    AuditArchiveModule,
    IncidentRecorderModule,
  ],
  providers: [TemporalWorkerService],
})
export class WorkerModule {}
