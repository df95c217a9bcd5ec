import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';
import { CreateWebhookDto } from './dto/create-webhook.dto.js';
import { PageQueryDto } from './dto/page-query.dto.js';
import { UuidParam } from './dto/uuid.param.js';
import { WebhookDeliveryPageView, WebhookSubscriptionView } from './webhook.view.js';
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
  create(@Body() dto: CreateWebhookDto, @CurrentActor() actor: Actor) {
    return this.webhooks.create(dto, actor);
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

  @Delete(':id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Deactivate a subscription; its delivery log is kept' })
  @ApiOkResponse({ type: WebhookSubscriptionView })
  deactivate(@Param() { id }: UuidParam) {
    return this.webhooks.deactivate(id);
  }

  @Get(':id/deliveries')
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: "A subscription's deliveries, newest first, each with its attempts" })
  @ApiOkResponse({ type: WebhookDeliveryPageView })
  deliveries(@Param() { id }: UuidParam, @Query() page: PageQueryDto) {
    return this.webhooks.deliveriesOf(id, page);
  }
}
