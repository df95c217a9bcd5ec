import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { IdentityReasonDto } from './dto/reason.dto.js';
import { CurrentActor, Roles } from './auth.decorators.js';
import {
  ChangePersonDto,
  CreatedPersonView,
  CreatePersonDto,
  PasswordResetView,
  PeopleQuery,
  PersonIdParam,
} from './dto/people.dto.js';
import { PeopleService } from './people.service.js';
import { PersonView } from './person.view.js';
import { AnswerNotReplayable } from '../../platform/src/idempotency/idempotency-key.js';

const LAST_ADMIN = '`identity.last-admin`: this would leave no active administrator';

/** People (人员): the county administrator manages them all; nobody else manages anyone. */
@ApiTags('people (人员)')
@ApiBearerAuth()
@ApiCookieAuth()
@Roles(Role.Admin)
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'People, filtered by unit, role and whether active' })
  @ApiOkResponse({ type: [PersonView] })
  list(@Query() query: PeopleQuery) {
    return this.people.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'One person' })
  @ApiOkResponse({ type: PersonView })
  get(@Param() { id }: PersonIdParam) {
    return this.people.get(id);
  }

  @Post()
  @AnswerNotReplayable()
  @CreatesResourceAt('/people/:person.id')
  @ApiOperation({
    summary: 'Create a person (one role in one unit) with a random first password, shown only in this answer',
    description:
      '409 `identity.username-taken`; 400 naming `role` or `unitId` when unknown (`identity.unknown-unit`, ' +
      '`identity.inactive-unit`). The person must change the password at first sign-in.',
  })
  @ApiCreatedResponse({ type: CreatedPersonView })
  @ApiConflictResponse({ description: '`identity.username-taken`' })
  create(@Body() dto: CreatePersonDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.people.create(dto, { actor, requestId, reason: dto.reason });
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a person's role, unit or display name (effective at their next request)" })
  @ApiOkResponse({ type: PersonView })
  @ApiConflictResponse({ description: LAST_ADMIN })
  change(
    @Param() { id }: PersonIdParam,
    @Body() dto: ChangePersonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.people.change(id, dto, { actor, requestId, reason: dto.reason });
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate: sessions end now and tokens are refused from the next request' })
  @ApiOkResponse({ type: PersonView })
  @ApiConflictResponse({ description: LAST_ADMIN })
  deactivate(
    @Param() { id }: PersonIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.people.deactivate(id, reason, { actor, requestId, reason });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a deactivated person (their unit must be active)' })
  @ApiOkResponse({ type: PersonView })
  reactivate(
    @Param() { id }: PersonIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.people.reactivate(id, reason, { actor, requestId, reason });
  }

  @Post(':id/reset-password')
  @AnswerNotReplayable()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reset the password: a temporary one, shown only in this answer; lifts a lockout; sessions end',
  })
  @ApiOkResponse({ type: PasswordResetView })
  resetPassword(
    @Param() { id }: PersonIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.people.resetPassword(id, reason, { actor, requestId, reason });
  }
}
