import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StaffDirectoryService, StaffEntryView } from './staff-directory.service.js';

/** Reference data like `GET /units`: every signed-in role reads it, so no `@Roles`. */
@ApiTags('reference data')
@ApiBearerAuth()
@ApiCookieAuth()
@Controller('staff')
export class StaffDirectoryController {
  constructor(private readonly directory: StaffDirectoryService) {}

  @Get()
  // Names are personal data: no shared cache keeps them, and the browser asks again each time (a 304
  // through the ETag every JSON answer carries when nothing changed).
  @Header('Cache-Control', 'private, no-cache')
  @ApiOperation({
    summary: 'The staff directory (通讯录): every official’s id, display name, role and unit',
    description:
      'For every signed-in role. Deactivated people are listed with `active: false`, since their past ' +
      'steps still name them. No username, sign-in state or single sign-on subject. One list, not ' +
      'paged: a county has a few hundred officials.',
  })
  @ApiOkResponse({ type: [StaffEntryView] })
  list() {
    return this.directory.list();
  }
}
