import { dayOfWeekOfJdn, isoFromJdn, jdnFromIso, jdnFromYmd, yearOfJdn } from './dates';
import { lunarNewYear, lunarToSolar } from './lunar';

/**
 * Vietnam's working-day calendar for state bodies (cơ quan hành chính, đơn vị sự nghiệp): Monday–Friday,
 * less the paid public holidays, plus the per-year arrangements the government announces.
 *
 * Legal basis, and the choices made where the law leaves one:
 *  - Labour Code 2019 (45/2019/QH14) Art. 112(1), in force from 2021: 1 Jan; five days of Tết; Hùng Kings'
 *    day (10th day of the 3rd lunar month); 30 Apr; 1 May; 2 Sep plus one day next to it. Art. 112(3) lets
 *    the Prime Minister fix each year which days make up the five days of Tết and which neighbour of 2 Sep
 *    is the second National Day, so those two are data (`YearAnnouncement`) with a default rule for years
 *    nobody has announced yet.
 *  - Labour Code 2012 Art. 115 for 2014–2020: the same list, but 2 Sep alone. 2014 is the first year whose
 *    Tết fell under the 2012 Code (in force from 1 May 2013); earlier years are out of range.
 *  - Art. 111(3) (Art. 110(3) of the 2012 Code): a holiday on the weekly rest day is made up on the next
 *    working day (nghỉ bù). The weekly rest days of state bodies are Saturday and Sunday (the 40-hour week of
 *    Decision 188/1999/QĐ-TTg); bodies that work Saturdays need another calendar.
 *  - Swapped days (hoán đổi ngày làm việc) and working Saturdays exist only by announcement.
 */

export type HolidayKind = 'STATUTORY' | 'COMPENSATORY' | 'ANNOUNCED';

export interface Holiday {
  /** YYYY-MM-DD */
  date: string;
  /** The Vietnamese name, as the announcements write it. */
  name: string;
  nameEn: string;
  /**
   * STATUTORY: a day named by the Labour Code (listed even when it falls on a weekend); COMPENSATORY: the
   * make-up day for a statutory day lost to a weekend (nghỉ bù); ANNOUNCED: a day off that only an
   * announcement grants, typically one half of a swap.
   */
  kind: HolidayKind;
  /** For a COMPENSATORY day: the statutory day it makes up for. */
  compensatesFor?: string;
}

/**
 * One year's arrangements as announced by the government (a Prime Minister's decision conveyed by the
 * Government Office, published as a notice of the labour or home-affairs ministry). Dates are YYYY-MM-DD.
 */
export interface YearAnnouncement {
  year: number;
  /** Weekdays given off beyond the statute, e.g. the day off of a swap. Weekdays only. */
  extraDaysOff: string[];
  /** Weekend days made working days, e.g. the make-up day of a swap. Saturdays or Sundays only. */
  workingSaturdays: string[];
  /**
   * The weekdays that are the five statutory days of Tết as the Prime Minister fixed them (the weekends inside
   * the announced break are left out: they are rest days anyway). When present, replaces the default Tết rule
   * and its make-up days for this year.
   */
  tetDaysOff?: string[];
  /** The second day of National Day: 1 or 3 September of `year`. */
  nationalDayAdjacent?: string;
  note?: string;
  /** The document(s) the dates come from. */
  legalBasis?: string;
  /**
   * True when the dates were checked against a published report of the decision; false or absent when they
   * are recalled or inferred and still need checking against the notice itself.
   */
  verified?: boolean;
}

/**
 * Where a Tết day that falls on a weekend goes when no announcement fixes the days.
 *  - 'SAT_BACK_SUN_FORWARD' (default): a Saturday moves to the previous working day, a Sunday to the next one,
 *    so the break stays centred on the new year. This is not written in the Code; it is what the Prime
 *    Minister's decisions under Art. 112(3) did in every year 2020–2026 (tested against each of them).
 *  - 'NEXT_WORKING_DAY': the literal Art. 111(3) rule, every weekend day moves forward.
 */
export type TetWeekendRule = 'SAT_BACK_SUN_FORWARD' | 'NEXT_WORKING_DAY';

/**
 * Which neighbour of 2 September is the second National Day when no announcement says.
 *  - 'AUTO' (default): the neighbour that is a weekday, preferring the one that joins the break to a weekend,
 *    and 1 Sep when both or neither do. By the weekday of 2 Sep: Mon → 3 Sep, Tue → 1, Wed → 1, Thu → 3,
 *    Fri → 1, Sat → 1, Sun → 3. This reproduces every decision 2021–2026 (2021: 3, 2022: 1, 2023: 1,
 *    2024: 3, 2025: 1, 2026: 1) and never picks a weekend day when a weekday is available.
 *  - 'BEFORE' / 'AFTER': always 1 Sep / always 3 Sep.
 */
export type NationalDayAdjacentRule = 'AUTO' | 'BEFORE' | 'AFTER';

/** A fixed-date paid holiday the law may add later, e.g. if Art. 112(1) is amended; made up like the others. */
export interface FixedHoliday {
  month: number;
  day: number;
  name: string;
  nameEn: string;
  /** First year it applies. */
  fromYear: number;
  /** Last year it applies, if it was repealed. */
  toYear?: number;
}

export interface CalendarOptions {
  /**
   * How many of the five Tết days fall before mùng 1 (default 1: the last day of the lunar year, 29 or 30 Tết,
   * then mùng 1–4). Recent announcements all amount to this: the five days ran from the last day of the old
   * year to mùng 4 once weekends are moved (2020–2026).
   */
  tetDaysBeforeNewYear?: number;
  tetWeekendRule?: TetWeekendRule;
  nationalDayAdjacent?: NationalDayAdjacentRule;
  additionalHolidays?: FixedHoliday[];
}

/** The 2019 Code's second National Day applies from this year. */
export const NATIONAL_DAY_TWO_DAYS_FROM = 2021;
export const MIN_CALENDAR_YEAR = 2014;
export const MAX_CALENDAR_YEAR = 2199;

const TET_DAYS = 5;

const NAMES = {
  newYear: ['Tết Dương lịch', "New Year's Day"],
  tet: ['Tết Nguyên đán', 'Lunar New Year (Tết)'],
  hungKings: ['Giỗ Tổ Hùng Vương', "Hùng Kings' Commemoration Day"],
  victory: ['Ngày Chiến thắng', 'Victory Day (Reunification Day)'],
  labour: ['Ngày Quốc tế lao động', "International Workers' Day"],
  nationalDay: ['Quốc khánh', 'National Day'],
  nationalDayAdjacent: ['Quốc khánh (ngày liền kề)', 'National Day (adjacent day)'],
  swapped: ['Ngày nghỉ theo thông báo (hoán đổi ngày làm việc)', 'Announced day off (swapped working day)'],
} as const satisfies Record<string, readonly [string, string]>;

const KIND_ORDER: Record<HolidayKind, number> = { STATUTORY: 0, COMPENSATORY: 1, ANNOUNCED: 2 };

interface StatutoryDay {
  jdn: number;
  name: string;
  nameEn: string;
  /** Announced Tết days are already placed on weekdays: never move them. */
  fixed: boolean;
  tet: boolean;
}

interface YearData {
  holidays: Holiday[];
  /** Weekdays that are not working days. */
  daysOff: Set<number>;
}

function compareHolidays(x: Holiday, y: Holiday): number {
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  return KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
}

function isWeekend(jdn: number): boolean {
  return dayOfWeekOfJdn(jdn) >= 6;
}

export class WorkingCalendar {
  private readonly byYear = new Map<number, YearAnnouncement>();
  /** Announced days off and working weekend days, keyed by their own date (a swap may cross a year end). */
  private readonly announcedOff = new Map<number, YearAnnouncement>();
  private readonly workingWeekendDays = new Set<number>();
  private readonly cache = new Map<number, YearData>();
  private readonly running = new Map<number, { start: number; counts: Int32Array; total: number }>();
  private readonly tetBefore: number;
  private readonly tetWeekendRule: TetWeekendRule;
  private readonly adjacentRule: NationalDayAdjacentRule;
  private readonly additional: readonly FixedHoliday[];

  constructor(announcements: readonly YearAnnouncement[] = [], options: CalendarOptions = {}) {
    this.tetBefore = options.tetDaysBeforeNewYear ?? 1;
    if (!Number.isInteger(this.tetBefore) || this.tetBefore < 0 || this.tetBefore > TET_DAYS) {
      throw new RangeError(`tetDaysBeforeNewYear must be an integer 0–${TET_DAYS}, got ${this.tetBefore}`);
    }
    this.tetWeekendRule = options.tetWeekendRule ?? 'SAT_BACK_SUN_FORWARD';
    this.adjacentRule = options.nationalDayAdjacent ?? 'AUTO';
    this.additional = [...(options.additionalHolidays ?? [])];
    for (const h of this.additional) {
      // Checked against a common year: a holiday on 29 Feb would exist one year in four.
      jdnFromIso(`2001-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`);
    }
    for (const a of announcements) this.addAnnouncement(a);
  }

  private addAnnouncement(a: YearAnnouncement): void {
    const where = `Announcement for ${a.year}`;
    if (!Number.isInteger(a.year) || a.year < MIN_CALENDAR_YEAR || a.year > MAX_CALENDAR_YEAR) {
      throw new RangeError(`${where}: year out of range ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`);
    }
    if (this.byYear.has(a.year)) throw new RangeError(`${where}: duplicate year`);
    for (const d of a.extraDaysOff) {
      const jdn = jdnFromIso(d);
      if (isWeekend(jdn)) throw new RangeError(`${where}: extra day off ${d} is a weekend day`);
      if (this.announcedOff.has(jdn)) throw new RangeError(`${where}: ${d} is announced twice`);
      this.announcedOff.set(jdn, a);
    }
    for (const d of a.workingSaturdays) {
      const jdn = jdnFromIso(d);
      if (!isWeekend(jdn)) throw new RangeError(`${where}: working day ${d} is not a Saturday or Sunday`);
      this.workingWeekendDays.add(jdn);
    }
    for (const d of a.tetDaysOff ?? []) {
      if (yearOfJdn(jdnFromIso(d)) !== a.year) throw new RangeError(`${where}: Tết day ${d} is in another year`);
    }
    if (a.nationalDayAdjacent !== undefined) {
      jdnFromIso(a.nationalDayAdjacent);
      if (a.nationalDayAdjacent !== `${a.year}-09-01` && a.nationalDayAdjacent !== `${a.year}-09-03`) {
        throw new RangeError(`${where}: the day next to National Day must be 1 or 3 Sep, got ${a.nationalDayAdjacent}`);
      }
      if (a.year < NATIONAL_DAY_TWO_DAYS_FROM) {
        throw new RangeError(`${where}: National Day has a second day only from ${NATIONAL_DAY_TWO_DAYS_FROM}`);
      }
    }
    this.byYear.set(a.year, a);
  }

  /** The announcement registered for a year, if any. */
  announcement(year: number): YearAnnouncement | undefined {
    return this.byYear.get(year);
  }

  /** A working day: Monday–Friday and not a day off, or a weekend day an announcement made a working day. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingJdn(jdnFromIso(date));
  }

  /**
   * The date `n` working days after `from` (before it when n < 0). Counting starts the day after `from`, as
   * legal time limits do (Civil Code 2015 Art. 147): from Friday, +1 is the next working day, Monday or later.
   * `from` need not be a working day. n = 0 returns `from` if it is a working day, otherwise the next
   * working day, the way a time limit ending on a day off runs on to the next working day (Art. 148).
   */
  addWorkingDays(from: string, n: number): string {
    if (!Number.isInteger(n)) throw new RangeError(`n must be an integer, got ${n}`);
    let jdn = jdnFromIso(from);
    if (n === 0) {
      while (!this.isWorkingJdn(jdn)) jdn++;
      return isoFromJdn(jdn);
    }
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    while (left > 0) {
      jdn += step;
      if (this.isWorkingJdn(jdn)) left--;
    }
    return isoFromJdn(jdn);
  }

  /**
   * The number of working days in (from, to]: `from` excluded, `to` included, so that
   * workingDaysBetween(d, addWorkingDays(d, n)) === n for every n ≥ 1 (and for n ≤ 0 when d is a working
   * day), and a dossier received on day d and answered on the next working day took 1 working day. Negative,
   * -(working days in (to, from]), when to < from, so swapping the arguments flips the sign.
   */
  workingDaysBetween(from: string, to: string): number {
    const a = jdnFromIso(from);
    const b = jdnFromIso(to);
    const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
    const count = lo === hi ? 0 : this.workingDaysIn(lo + 1, hi);
    return count === 0 ? 0 : sign * count; // never -0
  }

  /**
   * Working days in [first, last] from per-year running counts, so a span of years costs a few lookups
   * rather than a walk over its days (the dashboards ask it of a thousand old passages per request). The
   * years read are exactly those of the days in the span, so a year out of range throws as a walk would.
   */
  private workingDaysIn(first: number, last: number): number {
    const y1 = yearOfJdn(first);
    const y2 = yearOfJdn(last);
    const from = this.runningCounts(y1);
    const to = y2 === y1 ? from : this.runningCounts(y2);
    let count = to.counts[last - to.start + 1] - from.counts[first - from.start];
    for (let y = y1; y < y2; y++) count += this.runningCounts(y).total;
    return count;
  }

  /** The year's working days before each of its days: counts[i] over its first i days; counts[end] = total. */
  private runningCounts(year: number): { start: number; counts: Int32Array; total: number } {
    let running = this.running.get(year);
    if (!running) {
      this.checkYear(year);
      const start = jdnFromYmd(year, 1, 1);
      const days = jdnFromYmd(year + 1, 1, 1) - start;
      const counts = new Int32Array(days + 1);
      for (let i = 0; i < days; i++) counts[i + 1] = counts[i] + (this.isWorkingJdn(start + i) ? 1 : 0);
      running = { start, counts, total: counts[days] };
      this.running.set(year, running);
    }
    return running;
  }

  /**
   * Every holiday, make-up day and announced day off dated in `year`, by date (statutory first on a tie).
   * Statutory days are listed even on a weekend, next to their make-up day. In a year whose announcement
   * fixes the Tết days, Tết is listed as those weekdays only, as the announcement counts its five days.
   */
  holidays(year: number): Holiday[] {
    const own = this.yearData(year).holidays.filter((h) => h.date.startsWith(`${year}-`));
    // A make-up day can spill into January (only for an `additionalHolidays` entry late in December).
    const spilled =
      year > MIN_CALENDAR_YEAR ? this.yearData(year - 1).holidays.filter((h) => h.date.startsWith(`${year}-`)) : [];
    return [...spilled, ...own].sort(compareHolidays).map((h) => ({ ...h }));
  }

  /** Weekend days of `year` that announcements made working days. */
  workingWeekendDaysOf(year: number): string[] {
    this.checkYear(year);
    return [...this.workingWeekendDays]
      .filter((jdn) => yearOfJdn(jdn) === year)
      .sort((x, y) => x - y)
      .map(isoFromJdn);
  }

  private isWorkingJdn(jdn: number): boolean {
    const year = yearOfJdn(jdn);
    const data = this.yearData(year); // also rejects a year out of range, weekend or not
    if (this.workingWeekendDays.has(jdn)) return true;
    if (isWeekend(jdn)) return false;
    if (data.daysOff.has(jdn)) return false;
    return !(year > MIN_CALENDAR_YEAR && this.yearData(year - 1).daysOff.has(jdn));
  }

  private checkYear(year: number): void {
    if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      throw new RangeError(
        `The working calendar covers ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR} (the 2012 and 2019 Labour Codes), got ${year}`,
      );
    }
  }

  private yearData(year: number): YearData {
    const cached = this.cache.get(year);
    if (cached) return cached;
    this.checkYear(year);
    const data = this.computeYear(year);
    this.cache.set(year, data);
    return data;
  }

  private statutoryDays(year: number): StatutoryDay[] {
    const announcement = this.byYear.get(year);
    const day = (jdn: number, [name, nameEn]: readonly [string, string], tet = false, fixed = false) => ({
      jdn,
      name,
      nameEn,
      tet,
      fixed,
    });
    const days: StatutoryDay[] = [day(jdnFromYmd(year, 1, 1), NAMES.newYear)];

    if (announcement?.tetDaysOff) {
      for (const d of announcement.tetDaysOff) days.push(day(jdnFromIso(d), NAMES.tet, true, true));
    } else {
      const newYear = jdnFromIso(lunarNewYear(year));
      for (let i = -this.tetBefore; i < TET_DAYS - this.tetBefore; i++) days.push(day(newYear + i, NAMES.tet, true));
    }

    days.push(day(jdnFromIso(lunarToSolar(10, 3, year)), NAMES.hungKings));
    days.push(day(jdnFromYmd(year, 4, 30), NAMES.victory));
    days.push(day(jdnFromYmd(year, 5, 1), NAMES.labour));
    const nationalDay = jdnFromYmd(year, 9, 2);
    days.push(day(nationalDay, NAMES.nationalDay));
    if (year >= NATIONAL_DAY_TWO_DAYS_FROM) {
      const adjacent = announcement?.nationalDayAdjacent
        ? jdnFromIso(announcement.nationalDayAdjacent)
        : this.defaultNationalDayAdjacent(nationalDay);
      days.push(day(adjacent, NAMES.nationalDayAdjacent));
    }

    for (const h of this.additional) {
      if (year >= h.fromYear && (h.toYear === undefined || year <= h.toYear)) {
        days.push(day(jdnFromYmd(year, h.month, h.day), [h.name, h.nameEn]));
      }
    }
    // Stable sort: on a shared date the day listed first keeps it and the later one is made up.
    return days.sort((x, y) => x.jdn - y.jdn);
  }

  private defaultNationalDayAdjacent(nationalDay: number): number {
    const before = nationalDay - 1;
    const after = nationalDay + 1;
    if (this.adjacentRule === 'BEFORE') return before;
    if (this.adjacentRule === 'AFTER') return after;
    // A weekday that joins the break to a weekend beats a plain weekday, which beats a weekend day.
    const score = (jdn: number, outward: number) => (isWeekend(jdn) ? 0 : isWeekend(jdn + outward) ? 2 : 1);
    return score(after, 1) > score(before, -1) ? after : before;
  }

  private computeYear(year: number): YearData {
    const statutory = this.statutoryDays(year);
    // Days that cannot take a make-up day: every statutory date, every announced day off, and (as they are
    // found) the make-up days themselves.
    const taken = new Set<number>([...statutory.map((s) => s.jdn), ...this.announcedOff.keys()]);
    const seen = new Set<number>();
    const holidays: Holiday[] = [];

    for (const s of statutory) {
      const iso = isoFromJdn(s.jdn);
      holidays.push({ date: iso, name: s.name, nameEn: s.nameEn, kind: 'STATUTORY' });
      const clash = seen.has(s.jdn);
      seen.add(s.jdn);
      // A statutory day lost to the weekly rest day is made up (Art. 111(3)); so, by the same reasoning, is
      // a second holiday on the same date (possible only with `additionalHolidays`: 10/3 lunar never falls
      // on 30 Apr or 1 May in 2014–2199).
      if (s.fixed || (!clash && !isWeekend(s.jdn))) continue;
      const backwards = s.tet && this.tetWeekendRule === 'SAT_BACK_SUN_FORWARD' && dayOfWeekOfJdn(s.jdn) === 6;
      const step = backwards ? -1 : 1;
      let target = s.jdn + step;
      while (isWeekend(target) || taken.has(target)) target += step;
      taken.add(target);
      holidays.push({
        date: isoFromJdn(target),
        name: `Nghỉ bù ${s.name}`,
        nameEn: `${s.nameEn} (compensatory day off)`,
        kind: 'COMPENSATORY',
        compensatesFor: iso,
      });
    }

    for (const [jdn] of this.announcedOff) {
      if (yearOfJdn(jdn) === year) {
        holidays.push({ date: isoFromJdn(jdn), name: NAMES.swapped[0], nameEn: NAMES.swapped[1], kind: 'ANNOUNCED' });
      }
    }

    holidays.sort(compareHolidays);
    const daysOff = new Set<number>();
    for (const h of holidays) {
      const jdn = jdnFromIso(h.date);
      if (!isWeekend(jdn)) daysOff.add(jdn);
    }
    return { holidays, daysOff };
  }
}
