import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { CardSignalsModule } from '../../cards/src/cards.module.js';
import { REFERRAL_FIGURES_SOURCE } from '../../contracts/src/referral-figures.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { ReferralFiguresService } from './referral-figures.service.js';
import { referralPolicyProvider } from './referral-policy.provider.js';
import { ReferralActivitiesService } from './referral.activities.js';
import { ReferralEntity } from './referral.entity.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

/** The referral figures the metrics route and the reporting cycles (API and worker) read. */
@Module({
  providers: [
    ReferralFiguresService,
    { provide: REFERRAL_FIGURES_SOURCE, useExisting: ReferralFiguresService },
  ],
  exports: [ReferralFiguresService, REFERRAL_FIGURES_SOURCE],
})
export class ReferralFiguresModule {}

/** HTTP side of criminal referrals (API). */
@Module({
  imports: [TypeOrmModule.forFeature([ReferralEntity]), IdentityModule, LedgerModule, ReferralFiguresModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, CaseNumberService, referralPolicyProvider],
  // Complaints record the criminal lead a report becomes through the same path as POST /referrals.
  exports: [ReferralsService],
})
export class ReferralsModule {}

/** Worker side: projection + ledger writes, clock planning under the policy, cards and risk-item links. */
@Module({
  imports: [LedgerModule, CalendarModule, CardSignalsModule],
  providers: [ReferralActivitiesService, referralPolicyProvider],
  exports: [ReferralActivitiesService],
})
export class ReferralActivitiesModule {}
