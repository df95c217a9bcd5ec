import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { UuidParam } from '../../notifications/src/dto/uuid.param.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { ListIncidentsQuery, ResolveIncidentDto } from './dto/incident.dto.js';
import { IncidentPageView, IncidentView } from './incident.view.js';
import { IncidentsService } from './incidents.service.js';

const PROBLEM = { description: 'application/problem+json' };

@ApiTags('incidents')
@ApiBearerAuth()
@ApiUnauthorizedResponse(PROBLEM)
@ApiForbiddenResponse(PROBLEM)
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({ summary: 'Activity failures the engine could not mend by retrying, newest first' })
  @ApiOkResponse({ type: IncidentPageView })
  list(@Query() query: ListIncidentsQuery) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  @ApiOperation({
    summary: 'One incident: the case, workflow, activity and step it stopped, and its error type',
  })
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse(PROBLEM)
  get(@Param() { id }: UuidParam) {
    return this.incidents.get(id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Resolve an incident with a reason (ledgered)' })
  @ApiOkResponse({ type: IncidentView })
  @ApiNotFoundResponse(PROBLEM)
  @ApiConflictResponse({ description: 'Already resolved (application/problem+json)' })
  resolve(
    @Param() { id }: UuidParam,
    @Body() dto: ResolveIncidentDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.incidents.resolve(id, { actor, requestId, reason: dto.reason });
  }
}
