import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor } from '../../contracts/src/identity.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { AccessTokensService } from './access-tokens.service.js';
import { IdentityReasonDto } from './dto/reason.dto.js';
import { CurrentActor } from './auth.decorators.js';
import {
  AccessTokenIdParam,
  AccessTokensQuery,
  AccessTokenView,
  CreateAccessTokenDto,
  CreatedAccessTokenView,
} from './dto/access-tokens.dto.js';
import { AnswerNotReplayable } from '../../platform/src/idempotency/idempotency-key.js';

/** Personal access tokens for scripts: your own, or anyone's for an administrator. */
@ApiTags('sign-in')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('access-tokens')
export class AccessTokensController {
  constructor(private readonly tokens: AccessTokensService) {}

  @Post()
  @AnswerNotReplayable()
  @CreatesResourceAt('/access-tokens/:id')
  @ApiOperation({
    summary: 'Create a personal access token (shown only in this answer; stored as a hash)',
    description: 'For another person (`personId`) administrators only (403 otherwise).',
  })
  @ApiCreatedResponse({ type: CreatedAccessTokenView })
  create(@Body() dto: CreateAccessTokenDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.tokens.create(dto.name, dto.personId, { actor, requestId });
  }

  @Get()
  @ApiOperation({ summary: 'Your tokens; an administrator sees everyone’s (or one person’s with personId)' })
  @ApiOkResponse({ type: [AccessTokenView] })
  list(@Query() { personId }: AccessTokensQuery, @CurrentActor() actor: Actor) {
    return this.tokens.list(actor, personId);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token: refused from the next request (administrators: anyone’s)' })
  @ApiOkResponse({ type: AccessTokenView })
  revoke(
    @Param() { id }: AccessTokenIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.tokens.revoke(id, { actor, requestId, reason });
  }
}
