import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { AuditedRead } from '../../ledger/src/access-audit.interceptor.js';
import { LedgerEntryView } from '../../ledger/src/ledger-entry.view.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { DirectivesService } from './directives.service.js';
import { AcknowledgeDirectiveDto } from './dto/acknowledge-directive.dto.js';
import { DirectiveIdParam } from './dto/directive-id.param.js';
import { IssueDirectiveDto } from './dto/issue-directive.dto.js';
import { ListDirectivesQuery } from './dto/list-directives.query.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';

@ApiTags('directives')
@ApiBearerAuth()
@Controller('directives')
export class DirectivesController {
  constructor(private readonly directives: DirectivesService) {}

  @Post()
  @CreatesResourceAt('/directives/:id')
  @Roles(Role.Supervisor, Role.Admin)
  @ApiOperation({ summary: 'Issue a directive (督办通知) to a unit; starts its workflow' })
  issue(@Body() dto: IssueDirectiveDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.directives.issue(dto, { actor, requestId });
  }

  @Get()
  @Roles(Role.Handler, Role.UnitHead, Role.Supervisor, Role.Leader, Role.Auditor, Role.Admin)
  @ApiOperation({
    summary:
      "Directives newest first, by status and unit: county-wide roles see all, a unit's staff those addressed to their unit",
  })
  @ApiOkResponse({
    description: 'A page of directives, each with the steps the caller may take now',
    schema: {
      example: {
        items: [
          {
            id: 'DB-2026-000001',
            title: '请于本周内完成农贸市场快检室自查',
            assigneeUnitId: 'amr',
            status: 'issued',
            issuedAt: '2026-12-01T02:00:00.000Z',
            allowedSteps: ['acknowledge'],
          },
        ],
        total: 1,
        totalCapped: false,
        limit: 20,
        offset: 0,
      },
    },
  })
  list(@Query() query: ListDirectivesQuery, @CurrentActor() actor: Actor) {
    return this.directives.list(query, actor);
  }

  @AuditedRead()
  @Get(':id')
  @ApiOperation({ summary: 'A directive with the steps the caller may take now' })
  get(@Param() { id }: DirectiveIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.directives.get(id, { actor, requestId });
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles(Role.Handler, Role.UnitHead)
  @ApiOperation({ summary: 'Acknowledge a directive addressed to your unit (a workflow Update)' })
  acknowledge(
    @Param() { id }: DirectiveIdParam,
    @Body() dto: AcknowledgeDirectiveDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.directives.acknowledge(id, dto, { actor, requestId });
  }

  @AuditedRead()
  @Get(':id/ledger')
  @ApiOperation({ summary: "The directive's ledger entries, oldest first" })
  @ApiOkResponse({ type: [LedgerEntryView] })
  ledger(@Param() { id }: DirectiveIdParam, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.directives.ledgerOf(id, { actor, requestId });
  }
}
