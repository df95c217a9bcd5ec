import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CardSignalsModule } from '../../cards/src/cards.module.js';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { NotificationActivitiesModule } from '../../notifications/src/notifications.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { riskItemPolicyProvider } from './risk-item-policy.provider.js';
import { RiskItemActivitiesService } from './risk-item.activities.js';
import { RiskItemEntity } from './risk-item.entity.js';
import { MyWorkController, RiskItemsController } from './risk-items.controller.js';
import { RiskItemsService } from './risk-items.service.js';

/** HTTP side of the risk-item ledger (API). */
@Module({
  imports: [TypeOrmModule.forFeature([RiskItemEntity]), IdentityModule, LedgerModule, CalendarModule],
  controllers: [RiskItemsController, MyWorkController],
  providers: [RiskItemsService, CaseNumberService, riskItemPolicyProvider],
  // Complaints register the risk item a report becomes through the same path as POST /risk-items.
  exports: [RiskItemsService],
})
export class RiskItemsModule {}

/** Worker side: projection + ledger writes and deadline planning under the policy. */
@Module({
  imports: [LedgerModule, CalendarModule, CardSignalsModule, NotificationActivitiesModule],
  providers: [RiskItemActivitiesService, riskItemPolicyProvider],
  exports: [RiskItemActivitiesService],
})
export class RiskItemActivitiesModule {}
