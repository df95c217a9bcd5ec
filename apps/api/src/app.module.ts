import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CalendarModule } from '../../../libs/calendar/src/calendar.module.js';
import { DirectivesModule } from '../../../libs/directives/src/directives.module.js';
import { AuthGuard } from '../../../libs/identity/src/auth.guard.js';
import { IdentityModule } from '../../../libs/identity/src/identity.module.js';
import { AccountsModule } from '../../../libs/identity/src/accounts.module.js';
import { IncidentsModule } from '../../../libs/incidents/src/incidents.module.js';
import { NotificationsModule } from '../../../libs/notifications/src/notifications.module.js';
import { ConfigModule } from '../../../libs/platform/src/config/config.module.js';
import { DatabaseModule } from '../../../libs/platform/src/database/database.module.js';
import { ProblemDetailsFilter } from '../../../libs/platform/src/errors/problem-details.filter.js';
import { createValidationPipe } from '../../../libs/platform/src/errors/validation.js';
import { BodyMediaTypeInterceptor } from '../../../libs/platform/src/http/body-media-type.js';
import { CreatedLocationInterceptor } from '../../../libs/platform/src/http/created-location.js';
import { IdempotencyInterceptor } from '../../../libs/platform/src/idempotency/idempotency.interceptor.js';
import { IdempotencyService } from '../../../libs/platform/src/idempotency/idempotency.service.js';
import { LoggingModule } from '../../../libs/platform/src/logging/logging.module.js';
import { TemporalClientModule } from '../../../libs/platform/src/temporal/temporal-client.module.js';
import { CardsModule } from '../../../libs/cards/src/cards.module.js';
import { RiskItemsModule } from '../../../libs/risk-items/src/risk-items.module.js';
import { PlanApiModule } from '../../../libs/plan/src/plan.module.js';
import { ReferralsModule } from '../../../libs/referrals/src/referrals.module.js';
import { ReportingModule } from '../../../libs/reporting/src/reporting.module.js';
import { REFUSAL_LISTENER } from '../../../libs/contracts/src/refusal.js';
import { LedgerModule } from '../../../libs/ledger/src/ledger.module.js';
import { RefusalLedger } from '../../../libs/ledger/src/refusal-ledger.service.js';
import { AuditModule } from '../../../libs/audit/src/audit.module.js';
import { ComplaintsModule } from '../../../libs/complaints/src/complaints.module.js';
import { HealthController } from './health/health.controller.js';
import { UnitsController } from './units.controller.js';
import { EngineDeadlineInterceptor } from '../../../libs/platform/src/temporal/engine-deadline.interceptor.js';

/** The HTTP edge. Guard, validation and error mapping are app-wide providers, so test modules get them too. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    TemporalClientModule,
    IdentityModule,
    AccountsModule,
    CalendarModule,
    DirectivesModule,
    NotificationsModule,
    RiskItemsModule,
    CardsModule,
    ReferralsModule,
    LedgerModule,
    PlanApiModule,
    AuditModule,
    ReportingModule,
    IncidentsModule,
    ComplaintsModule,
  ],
  controllers: [HealthController, UnitsController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: REFUSAL_LISTENER, useExisting: RefusalLedger },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    IdempotencyService,
    // In this order: a body the route cannot read is refused before anything runs; every Temporal
    // call of the request (idempotency included) waits under one deadline.
    { provide: APP_INTERCEPTOR, useClass: BodyMediaTypeInterceptor },
    { provide: APP_INTERCEPTOR, useClass: EngineDeadlineInterceptor },
    { provide: APP_INTERCEPTOR, useClass: CreatedLocationInterceptor },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class AppModule {}
