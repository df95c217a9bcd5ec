import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { CardSignalsModule } from '../../cards/src/cards.module.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { ReferralsModule } from '../../referrals/src/referrals.module.js';
import { RiskItemsModule } from '../../risk-items/src/risk-items.module.js';
import { ComplaintFiguresService } from './complaint-figures.service.js';
import { complaintPolicyProvider } from './complaint-policy.loader.js';
import { ComplaintActivitiesService } from './complaint.activities.js';
import { ComplaintEntity } from './complaint.entity.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsService } from './complaints.service.js';
import { PublicComplaintsController } from './public/public-complaints.controller.js';
import { PublicComplaintsService } from './public/public-complaints.service.js';
import { keyEncryptionKeysProvider, SealedIdentities } from './sealing/sealed-identities.service.js';

/** HTTP side of complaints and reports (API): the public intake and the case workers' routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ComplaintEntity]),
    IdentityModule,
    LedgerModule,
    RiskItemsModule,
    ReferralsModule,
  ],
  controllers: [PublicComplaintsController, ComplaintsController],
  providers: [
    ComplaintsService,
    PublicComplaintsService,
    ComplaintFiguresService,
    SealedIdentities,
    keyEncryptionKeysProvider,
    CaseNumberService,
    complaintPolicyProvider,
  ],
  exports: [SealedIdentities],
})
export class ComplaintsModule {}

/** Worker side: projection + ledger writes, clocks under the policy, cards for late clocks and retaliation. */
@Module({
  imports: [LedgerModule, CalendarModule, CardSignalsModule],
  providers: [ComplaintActivitiesService, complaintPolicyProvider],
  exports: [ComplaintActivitiesService],
})
export class ComplaintActivitiesModule {}
