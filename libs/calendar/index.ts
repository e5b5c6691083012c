import { VIETNAM_ANNOUNCEMENTS } from './announcements';
import { type CalendarOptions, WorkingCalendar } from './working-calendar';

export { addDays, isoDayOfWeek, type IsoDayOfWeek } from './dates';
export {
  type LunarDate,
  MAX_LUNAR_YEAR,
  MIN_LUNAR_YEAR,
  VIETNAM_TIME_ZONE,
  leapMonthOf,
  lunarMonthLength,
  lunarNewYear,
  lunarToSolar,
  solarToLunar,
} from './lunar';
export {
  type CalendarOptions,
  type FixedHoliday,
  type Holiday,
  type HolidayKind,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  NATIONAL_DAY_TWO_DAYS_FROM,
  type NationalDayAdjacentRule,
  type TetWeekendRule,
  WorkingCalendar,
  type YearAnnouncement,
} from './working-calendar';
export { VIETNAM_ANNOUNCEMENTS } from './announcements';

/** The calendar for state bodies with every announcement shipped in `announcements.ts`. */
export function createVietnamCalendar(options: CalendarOptions = {}): WorkingCalendar {
  return new WorkingCalendar(VIETNAM_ANNOUNCEMENTS, options);
}
