import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  list() {
    return this.units.list();
  }
}
