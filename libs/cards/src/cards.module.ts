import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { NotificationActivitiesModule } from '../../notifications/src/notifications.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { cardLadderProvider } from './card-ladder.provider.js';
import { CardRaiser } from './card-raiser.service.js';
import { CardSignals } from './card-signals.service.js';
import { CardActivitiesService } from './card.activities.js';
import { CardEntity } from './card.entity.js';
import { CardsController, MyCardsController } from './cards.controller.js';
import { CardsService } from './cards.service.js';

/** Reaching cards from other cases' activities without waiting for them (decision 0015). */
@Module({
  providers: [CardSignals],
  exports: [CardSignals],
})
export class CardSignalsModule {}

/** HTTP side of the card board (API); a supervisor's card is raised and its view awaited. */
@Module({
  imports: [TypeOrmModule.forFeature([CardEntity]), IdentityModule, LedgerModule],
  controllers: [CardsController, MyCardsController],
  providers: [CardsService, CardRaiser],
})
export class CardsModule {}

/** Worker side: opening a card, board + ledger writes and level planning under the ladder policy. */
@Module({
  imports: [LedgerModule, CalendarModule, NotificationActivitiesModule],
  providers: [CardActivitiesService, cardLadderProvider, CaseNumberService],
  exports: [CardActivitiesService],
})
export class CardActivitiesModule {}
