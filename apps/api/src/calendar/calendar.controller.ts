import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from '../../../../libs/calendar';
import { CurrentUser, type AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import { AddWorkingDaysQuery, AnnouncementDto, WorkingDaysBetweenQuery, YearQuery } from './calendar.dto';
import { CalendarService } from './calendar.service';

const yearPipe = new ParseIntPipe({
  exceptionFactory: () => AppError.field('year', 'must be an integer year'),
});

function checkYear(year: number): number {
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw AppError.field('year', `must be between ${MIN_CALENDAR_YEAR} and ${MAX_CALENDAR_YEAR}`);
  }
  return year;
}

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('holidays')
  @ApiOperation({ summary: 'Holidays, make-up days and announced days off of a year, and its working weekend days' })
  holidays(@Query() q: YearQuery) {
    return this.calendar.holidays(q.year);
  }

  @Get('add-working-days')
  @ApiOperation({ summary: 'The date N working days after `from` (Civil Code Art. 147: counting starts the next day)' })
  addWorkingDays(@Query() q: AddWorkingDaysQuery) {
    return this.calendar.addWorkingDays(q.from, q.days);
  }

  @Get('working-days-between')
  @ApiOperation({ summary: 'Working days in (from, to]' })
  workingDaysBetween(@Query() q: WorkingDaysBetweenQuery) {
    return this.calendar.workingDaysBetween(q.from, q.to);
  }

  @Get('announcements')
  @ApiOperation({ summary: 'Every stored yearly announcement (Tết days, swaps, working Saturdays)' })
  announcements() {
    return this.calendar.announcements();
  }

  @Get('announcements/:year')
  @ApiOperation({ summary: 'One year’s announcement' })
  announcement(@Param('year', yearPipe) year: number) {
    return this.calendar.announcement(checkYear(year));
  }

  @Put('announcements/:year')
  @ApiOperation({ summary: 'ADMIN: store or replace a year’s announcement (validated against the calendar rules)' })
  save(@CurrentUser() user: AuthUser, @Param('year', yearPipe) year: number, @Body() dto: AnnouncementDto) {
    return this.calendar.saveAnnouncement(user, checkYear(year), dto);
  }
}
