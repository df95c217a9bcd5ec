import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { CardRaiserModule } from '../../cards/src/cards.module.js';
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

/** HTTP side of criminal referrals (API); exports the figures source the reporting context injects. */
@Module({
  imports: [TypeOrmModule.forFeature([ReferralEntity]), IdentityModule, LedgerModule],
  controllers: [ReferralsController],
  providers: [
    ReferralsService,
    ReferralFiguresService,
    CaseNumberService,
    referralPolicyProvider,
    { provide: REFERRAL_FIGURES_SOURCE, useExisting: ReferralFiguresService },
  ],
  exports: [REFERRAL_FIGURES_SOURCE],
})
export class ReferralsModule {}

/** Worker side: projection + ledger writes, clock planning under the policy, cards and risk-item links. */
@Module({
  imports: [LedgerModule, CalendarModule, CardRaiserModule],
  providers: [ReferralActivitiesService, referralPolicyProvider],
  exports: [ReferralActivitiesService],
})
export class ReferralActivitiesModule {}
