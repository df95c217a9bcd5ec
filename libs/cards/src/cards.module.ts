import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CalendarModule } from '../../calendar/src/calendar.module.js';
import { IdentityModule } from '../../identity/src/identity.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { CaseNumberService } from '../../platform/src/database/case-number.service.js';
import { cardLadderProvider } from './card-ladder.provider.js';
import { CardRaiser } from './card-raiser.service.js';
import { CardActivitiesService } from './card.activities.js';
import { CardEntity } from './card.entity.js';
import { CardsController, MyCardsController } from './cards.controller.js';
import { CardsService } from './cards.service.js';

/** Raising cards, from the API (manual cards) and from the worker (automatic triggers). */
@Module({
  imports: [CalendarModule],
  providers: [CardRaiser, CaseNumberService, cardLadderProvider],
  exports: [CardRaiser],
})
export class CardRaiserModule {}

/** HTTP side of the card board (API). */
@Module({
  imports: [TypeOrmModule.forFeature([CardEntity]), IdentityModule, LedgerModule, CardRaiserModule],
  controllers: [CardsController, MyCardsController],
  providers: [CardsService],
})
export class CardsModule {}

/** Worker side: board + ledger writes and level planning under the ladder policy. */
@Module({
  imports: [LedgerModule, CalendarModule],
  providers: [CardActivitiesService, cardLadderProvider],
  exports: [CardActivitiesService],
})
export class CardActivitiesModule {}
