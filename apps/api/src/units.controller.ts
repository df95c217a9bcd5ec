import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UnitView } from '../../../libs/identity/src/dto/units.dto.js';
import { UnitsService } from '../../../libs/identity/src/units.service.js';

@ApiTags('reference data')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Get()
  @ApiOperation({
    summary: 'Every unit of the campaign (county departments, townships); sample ones are flagged',
  })
  @ApiOkResponse({ type: [UnitView], description: 'deactivated units too (active: false)' })
  list() {
    return this.units.list();
  }
}
