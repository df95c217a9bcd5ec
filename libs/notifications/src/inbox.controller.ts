import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor } from '../../contracts/src/identity.js';
import { CurrentActor } from '../../identity/src/auth.decorators.js';
import { InboxQueryDto } from './dto/inbox-query.dto.js';
import { UuidParam } from './dto/uuid.param.js';
import { InboxService } from './inbox.service.js';
import { NotificationPageView, NotificationView } from './notification.view.js';

/** Any authenticated role, on its own inbox only: the recipient is always the caller. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: "The caller's notifications, newest first, with the total and unread counts" })
  @ApiOkResponse({ type: NotificationPageView })
  list(@Query() query: InboxQueryDto, @CurrentActor() actor: Actor) {
    return this.inbox.list(actor.userId, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark all of the caller's unread notifications read" })
  @ApiOkResponse({ schema: { example: { marked: 3 } } })
  markAllRead(@CurrentActor() actor: Actor) {
    return this.inbox.markAllRead(actor.userId);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: "Mark one of the caller's notifications read (another user's is not found)" })
  @ApiOkResponse({ type: NotificationView })
  markRead(@Param() { id }: UuidParam, @CurrentActor() actor: Actor) {
    return this.inbox.markRead(actor.userId, id);
  }
}
