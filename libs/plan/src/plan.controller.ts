import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { ALL_ROLES, Role, type Actor } from '../../contracts/src/identity.js';
import { CurrentActor, Roles } from '../../identity/src/auth.decorators.js';
import { RequestId } from '../../platform/src/logging/request-id.decorator.js';
import { LoadPlanDto, PlanVersionParam } from './dto/load-plan.dto.js';
import { PlanLoader } from './plan-loader.service.js';
import { PlanLoadOutcome, PlanVersionRecord, PlanVersionSummary } from './plan-version.view.js';
import { PlanStore } from './plan.store.js';
import { YAML_MEDIA_TYPES } from './yaml-body.middleware.js';
import { AcceptsBodyAlsoAs } from '../../platform/src/http/body-media-type.js';
import { CreatesResourceAt } from '../../platform/src/http/created-location.js';

@ApiTags('campaign plan (攻坚行动工作方案)')
@ApiBearerAuth()
@Controller('plan')
export class PlanController {
  constructor(
    private readonly store: PlanStore,
    private readonly loader: PlanLoader,
  ) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'The active plan: the newest loaded version' })
  @ApiOkResponse({ type: PlanVersionRecord })
  active() {
    return this.store.activeRecord();
  }

  @Get('versions')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'Every loaded version, newest first: who loaded it, when and why' })
  @ApiOkResponse({ type: [PlanVersionSummary] })
  versions() {
    return this.store.versions();
  }

  @Get('versions/:version')
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: 'One version: the plan as data and the YAML it was loaded from' })
  @ApiOkResponse({ type: PlanVersionRecord })
  version(@Param() { version }: PlanVersionParam) {
    return this.store.record(version);
  }

  @Post('versions')
  @CreatesResourceAt('/plan/versions/:version.version')
  @Roles(Role.Admin)
  @ApiOperation({
    summary:
      'Load a new plan version (YAML body, or JSON { yaml, reason }). Content equal to the active ' +
      'version loads nothing (200, loaded: false).',
  })
  @AcceptsBodyAlsoAs(...YAML_MEDIA_TYPES)
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBody({ type: LoadPlanDto })
  @ApiCreatedResponse({ type: PlanLoadOutcome })
  @ApiUnprocessableEntityResponse({ description: 'The plan is invalid: every problem with path and line' })
  async load(
    @Body() dto: LoadPlanDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PlanLoadOutcome> {
    const outcome = await this.loader.load(dto.yaml, {
      actor,
      requestId,
      reason: dto.reason ?? 'new plan version loaded through the API',
    });
    if (!outcome.loaded) response.status(200);
    return outcome;
  }
}
