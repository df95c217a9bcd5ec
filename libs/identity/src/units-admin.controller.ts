import { Body, Controller, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
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
  ChangeUnitDto,
  CreateUnitDto,
  ImportQuery,
  ImportReportView,
  ImportUnitsDto,
  UnitIdParam,
  UnitView,
} from './dto/units.dto.js';
import { UnitsAdminService } from './units-admin.service.js';

/** Units (单位): added, renamed, moved, deactivated and imported by the county administrator only. */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiCookieAuth()
@Roles(Role.Admin)
@Controller('units')
export class UnitsAdminController {
  constructor(private readonly units: UnitsAdminService) {}

  @Post()
  @CreatesResourceAt('/units/:id')
  @ApiOperation({ summary: 'Add a unit (kind, parent, Chinese and English names)' })
  @ApiCreatedResponse({ type: UnitView })
  @ApiConflictResponse({
    description:
      '`identity.unit-id-taken`; `identity.unit-name-taken`: another unit in use has the Chinese name',
  })
  create(@Body() dto: CreateUnitDto, @CurrentActor() actor: Actor, @RequestId() requestId: string) {
    return this.units.create(dto, { actor, requestId, reason: dto.reason });
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import units from CSV or YAML: creates and updates, all or nothing, with every problem by line',
    description:
      'Idempotent: importing the same file again reports every unit unchanged. A file with problems ' +
      'changes nothing (applied: false); `dryRun=true` only reports.',
  })
  @ApiOkResponse({ type: ImportReportView })
  import(
    @Body() dto: ImportUnitsDto,
    @Query() { dryRun }: ImportQuery,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.units.import(
      dto.content,
      dto.format,
      { dryRun: dryRun ?? false, reason: dto.reason ?? null },
      { actor, requestId },
    );
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a unit, change its kind or parent' })
  @ApiConflictResponse({
    description: '`identity.unit-name-taken`: another unit in use has the Chinese name',
  })
  @ApiOkResponse({ type: UnitView })
  change(
    @Param() { id }: UnitIdParam,
    @Body() dto: ChangeUnitDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.units.change(id, dto, { actor, requestId, reason: dto.reason });
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Deactivate a unit (never deleted: cases and the ledger keep referring to it); no new people join it',
  })
  @ApiOkResponse({ type: UnitView })
  deactivate(
    @Param() { id }: UnitIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.units.setActive(id, false, reason, { actor, requestId, reason });
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a unit' })
  @ApiConflictResponse({
    description: '`identity.unit-name-taken`: a unit in use took its Chinese name meanwhile',
  })
  @ApiOkResponse({ type: UnitView })
  reactivate(
    @Param() { id }: UnitIdParam,
    @Body() { reason }: IdentityReasonDto,
    @CurrentActor() actor: Actor,
    @RequestId() requestId: string,
  ) {
    return this.units.setActive(id, true, reason, { actor, requestId, reason });
  }
}
