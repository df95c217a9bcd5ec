import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { CurrentActor, Roles } from './auth.decorators.js';
import { PersonIdParam } from './dto/people.dto.js';
import { IdentityReasonDto } from './dto/reason.dto.js';
import { TaskForceMemberDto, TaskForceMemberView, TaskForceService } from './task-force.service.js';

@ApiTags('task force (专班)')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('task-force')
export class TaskForceController {
  constructor(private readonly taskForce: TaskForceService) {}

  @Get()
  @ApiOperation({
    summary: 'The members of the special-action task force (专班), with their units and duties',
  })
  @ApiOkResponse({ type: [TaskForceMemberView] })
  members() {
    return this.taskForce.members();
  }

  @Put('members/:id')
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Add a person to the task force, or change their duty' })
  @ApiOkResponse({ type: [TaskForceMemberView] })
  put(
    @Param() { id }: PersonIdParam,
    @Body() dto: TaskForceMemberDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.taskForce.put(id, dto.duty, { actor, requestId, reason: dto.reason });
  }

  @Post('members/:id/remove')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Take a person off the task force (they keep their role and unit)' })
  @ApiOkResponse({ type: [TaskForceMemberView] })
  remove(
    @Param() { id }: PersonIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.taskForce.remove(id, { actor, requestId, reason });
  }
}
