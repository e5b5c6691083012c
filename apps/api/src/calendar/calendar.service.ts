import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkingCalendar, type Holiday, type YearAnnouncement } from '../../../../libs/calendar';
import { loadAnnouncements, loadWorkingCalendar, saveAnnouncement } from '../../../../libs/persistence/calendar';
import type { AuthUser } from '../auth/auth-user';
import { AppError } from '../common/app-error';
import type { AnnouncementDto } from './calendar.dto';

/** Turns the calendar's RangeError (a date out of range, a malformed announcement) into a 400 on a field. */
function asFieldError<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) throw AppError.field(field, err.message);
    throw err;
  }
}

@Injectable()
export class CalendarService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The announcements are read per request, so an ADMIN's edit shows at once on every replica; the calendar is
   * rebuilt only when they changed (`calendarOf`).
   */
  private calendar(): Promise<WorkingCalendar> {
    return loadWorkingCalendar(this.ds);
  }

  async holidays(year: number): Promise<{ year: number; holidays: Holiday[]; workingWeekendDays: string[] }> {
    const cal = await this.calendar();
    return { year, holidays: cal.holidays(year), workingWeekendDays: cal.workingWeekendDaysOf(year) };
  }

  async addWorkingDays(from: string, days: number): Promise<{ date: string }> {
    const cal = await this.calendar();
    return { date: asFieldError('from', () => cal.addWorkingDays(from, days)) };
  }

  async workingDaysBetween(from: string, to: string): Promise<{ days: number }> {
    const cal = await this.calendar();
    return { days: asFieldError('from', () => cal.workingDaysBetween(from, to)) };
  }

  announcements(): Promise<YearAnnouncement[]> {
    return loadAnnouncements(this.ds);
  }

  async announcement(year: number): Promise<YearAnnouncement> {
    const [a] = await loadAnnouncements(this.ds, year);
    if (!a) throw new AppError('NOT_FOUND', `No announcement stored for ${year}`);
    return a;
  }

  async saveAnnouncement(user: AuthUser, year: number, dto: AnnouncementDto): Promise<YearAnnouncement> {
    if (user.role !== 'ADMIN') throw new AppError('FORBIDDEN', 'Only an ADMIN edits the holiday announcements');
    const a: YearAnnouncement = { year, ...dto, verified: dto.verified ?? false };
    // The calendar's own checks (weekdays only in extraDaysOff, weekend days in workingSaturdays, 1 or 3 Sep…)
    // decide what is valid, with the other years stored, so the API and the calendar never disagree.
    const others = (await loadAnnouncements(this.ds)).filter((o) => o.year !== year);
    asFieldError('announcement', () => new WorkingCalendar([...others, a]).holidays(year));
    await saveAnnouncement(this.ds, a, { overwrite: true, updatedBy: user.username });
    return this.announcement(year);
  }
}
