import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarService } from './calendar.service.js';
import { DeadlineQueryDto } from './dto/deadline-query.dto.js';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('deadline')
  @ApiOperation({
    summary:
      'Due date-time of a clock in hours, calendar days or working days, with the rule that produced it',
  })
  @ApiOkResponse({
    schema: {
      example: {
        dueAt: '2024-10-12T16:00:00.000Z',
        dueLocal: '2024-10-12 24:00 (Asia/Shanghai)',
        rule: { unit: 'workdays', amount: 7, startRule: 'start-day-not-counted' },
      },
    },
  })
  deadline(@Query() query: DeadlineQueryDto) {
    return this.calendar.deadline(query.from, query.amount, query.unit);
  }
}
