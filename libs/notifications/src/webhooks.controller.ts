import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { IdentityReasonDto } from '../../identity/src/dto/reason.dto.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { UuidParam } from './dto/uuid.param.js';
import { WebhookDeliveryPageView, WebhookSubscriptionView, WebhookTestView } from './webhook.view.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @CreatesResourceAt('/webhooks/:id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Subscribe a URL to signed notifications, optionally limited by kind and unit' })
  @ApiCreatedResponse({ type: WebhookSubscriptionView })
  create(@Body() dto: CreateWebhookDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.webhooks.create(dto, { actor, requestId });
  }

  @Get(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'One webhook subscription (its secret is never returned)' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  get(@Param() { id }: UuidParam) {
    return this.webhooks.get(id);
  }

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Every webhook subscription, active or not (secrets are never returned)' })
  @ApiOkResponse({ type: [WebhookSubscriptionView] })
  list() {
    return this.webhooks.list();
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary: 'Deactivate a subscription with a reason (on the identity chain); its delivery log is kept',
    description: 'One already inactive is answered as it is, and nothing is recorded.',
  })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  deactivate(
    @Param() { id }: UuidParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.webhooks.deactivate(id, { actor, requestId, reason });
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Send a signed test message (kind `test`, about no case) now, and say what the receiver answered',
    description:
      'Signed with the subscription’s secret like every delivery, so the receiver’s check is tested too. ' +
      'Waits at most 5 s for the receiver. Not a notification: the delivery log does not hold it, and a ' +
      'receiver that fails is answered 200 with `delivered: false` and why.',
  })
  @ApiOkResponse({ type: WebhookTestView })
  @ApiConflictResponse({ description: '`notification.webhook-inactive`: the subscription was deactivated' })
  test(@Param() { id }: UuidParam) {
    return this.webhooks.test(id);
  }

  @Get(':id/deliveries')
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: "A subscription's deliveries, newest first, each with its attempts" })
  @ApiOkResponse({ type: WebhookDeliveryPageView })
  deliveries(@Param() { id }: UuidParam, @Query() page: PageQueryDto) {
    return this.webhooks.deliveriesOf(id, page);
  }
}
