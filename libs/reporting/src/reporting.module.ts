import { Module } from '@nestjs/common';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { cardLadderProvider } from '../../cards/src/card-ladder.provider.js';
import { CardSignalsModule } from '../../cards/src/cards.module.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { PlanModule } from '../../plan/src/plan.module.js';
import { ReferralFiguresModule } from '../../referrals/src/referrals.module.js';
import { CycleRunsByHand } from './cycle-runs-by-hand.js';
import { reportingPolicyProvider } from './reporting-policy.provider.js';
import { ReportingReader } from './reporting-reader.service.js';
import { ReportingSchedules, ReportingSchedulesKeeper } from './reporting-schedules.service.js';
import { ReportingActivitiesService } from './reporting.activities.js';
import {
  AssessmentsController,
  BulletinsController,
  ReportingSchedulesController,
  ReportRequestsController,
} from './reporting.controller.js';
import { ReportingPublication } from './reporting-publication.service.js';
import { ReportingService } from './reporting.service.js';

/**
 * HTTP side of the reporting cycles (API): requests, bulletins, scores, trigger and backfill.
 */
@Module({
  imports: [PlanModule, IdentityModule, LedgerModule, ReferralFiguresModule],
  controllers: [
    ReportRequestsController,
    BulletinsController,
    AssessmentsController,
    ReportingSchedulesController,
  ],
  providers: [
    ReportingService,
    ReportingPublication,
    ReportingReader,
    ReportingSchedules,
    CycleRunsByHand,
    reportingPolicyProvider,
    cardLadderProvider,
  ],
})
export class ReportingModule {}

/**
 * Worker side: report-request projection and ledger, dispatch planning, bulletin generation, cards; puts
 * the cycle schedules in place at start.
 */
@Module({
  imports: [PlanModule, LedgerModule, CalendarModule, CardSignalsModule, ReferralFiguresModule],
  providers: [
    ReportingActivitiesService,
    ReportingReader,
    reportingPolicyProvider,
    cardLadderProvider,
    ReportingSchedules,
    CycleRunsByHand,
    ReportingSchedulesKeeper,
  ],
  exports: [ReportingActivitiesService],
})
export class ReportingActivitiesModule {}
