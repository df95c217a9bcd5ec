import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiCreatedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { CardsService } from './cards.service.js';
import {
  CardIdParam,
  CardReasonDto,
  CardStatsQuery,
  LiftCardDto,
  ListCardsQuery,
  RaiseCardDto,
  RecordSummonsDto,
  ReferAccountabilityDto,
  RespondToCardDto,
} from './dto/card.dto.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';

const CASE_WORKERS = [Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin];

@ApiTags('colour cards (亮牌督办)')
@ApiBearerAuth()
@Controller('me')
export class MyCardsController {
  constructor(private readonly cards: CardsService) {}

  @Get('cards')
  @Roles(...CASE_WORKERS)
  @ApiOperation({
    summary: "My card queue: open cards whose current level names me (my role, my unit's) as a recipient",
  })
  queue(@CurrentActor() actor: Actor) {
    return this.cards.queue(actor);
  }
}

@ApiTags('colour cards (亮牌督办)')
@ApiBearerAuth()
@Controller('cards')
export class CardsController {
  constructor(private readonly cards: CardsService) {}

  @Post()
  @CreatesResourceAt('/cards/:id')
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: "Raise a supervisor's own card against a unit, with a reason" })
  @ApiCreatedResponse({ description: 'the card raised, or the open card of the unit and subject it joined' })
  @ApiUnprocessableEntityResponse({
    description: 'card.unit-not-supervised: the unit is the county government, which bears no card',
  })
  raise(@Body() dto: RaiseCardDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.cards.raiseManual(dto, { actor, requestId });
  }

  @Get()
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'The card board: cards by unit, colour, subject and status (open by default)' })
  list(@Query() query: ListCardsQuery, @CurrentActor() actor: Actor) {
    return this.cards.list(query, actor);
  }

  @Get('stats')
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'Cards per unit and colour raised in a period (feeds the annual assessment)' })
  @ApiOkResponse({ schema: { example: [{ unitId: 'amr', colour: 'orange', cards: 2 }] } })
  stats(@Query() query: CardStatsQuery, @CurrentActor() actor: Actor) {
    return this.cards.stats(query, actor);
  }

  @AuditedRead()
  @Get(':id')
  @Roles(...CASE_WORKERS)
  @ApiOperation({ summary: 'One card: every level it reached and when, responses, summons, allowed steps' })
  get(@Param() { id }: CardIdParam, @CurrentActor() actor: Actor) {
    return this.cards.get(id, actor);
  }

  @AuditedRead()
  @Get(':id/timeline')
  @Roles(...CASE_WORKERS)
  @ApiOkResponse({ type: [LedgerEntryView] })
  @ApiOperation({ summary: "The card's ledger" })
  timeline(@Param() { id }: CardIdParam, @CurrentActor() actor: Actor) {
    return this.cards.timeline(id, actor);
  }

  @Post(':id/respond')
  @HttpCode(200)
  @Roles(Role.Handler, Role.UnitHead)
  @ApiOperation({ summary: "The unit's response: rectification plan, progress report or summons record" })
  respond(
    @Param() { id }: CardIdParam,
    @Body() dto: RespondToCardDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.cards.respond(id, dto.text, { actor, requestId });
  }

  @Post(':id/lift')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({
    summary: "Lift the card (摘牌): only once its subject is resolved and the unit's response accepted",
  })
  lift(
    @Param() { id }: CardIdParam,
    @Body() dto: LiftCardDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.cards.lift(id, { actor, requestId, reason: dto.reason });
  }

  @Post(':id/summons')
  @HttpCode(200)
  @Roles(Role.Supervisor, Role.Leader)
  @ApiOperation({
    summary: "Record the red card's summons (约谈) as held: when, who, the minutes (file record with sha256)",
  })
  recordSummons(
    @Param() { id }: CardIdParam,
    @Body() dto: RecordSummonsDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.cards.recordSummons(id, dto, { actor, requestId });
  }

  @Post(':id/accountability')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({
    summary:
      'After the summons: refer accountability (问责) to the discipline inspection body with the letter and reason; the card closes with that outcome',
  })
  referAccountability(
    @Param() { id }: CardIdParam,
    @Body() dto: ReferAccountabilityDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.cards.referAccountability(id, dto.letter, { actor, requestId, reason: dto.reason });
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.Supervisor)
  @ApiOperation({ summary: 'Withdraw the card with a reason' })
  withdraw(
    @Param() { id }: CardIdParam,
    @Body() dto: CardReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.cards.withdraw(id, { actor, requestId, reason: dto.reason });
  }
}
