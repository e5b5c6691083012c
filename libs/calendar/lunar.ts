import { isoFromJdn, jdnFromIso, jdnFromYmd } from './dates';

/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically.
 *
 * Vietnam's calendar follows the same rules as the Chinese one, but the day boundaries are taken at the
 * meridian of UTC+7 (since 1968), not UTC+8. When a new moon or a solar term falls between 00:00 and 01:00
 * Beijing time, the two calendars start a month on different days, and sometimes a whole month apart: Tết
 * 2007 was 17 Feb in Vietnam and 18 Feb in China, Tết 1985 21 Jan and 20 Feb. A table copied from a Chinese
 * source is therefore wrong for Vietnam, and this module computes instead of looking up.
 *
 * The method is Hồ Ngọc Đức's published algorithm, re-implemented here:
 *  - new moons from Jean Meeus' series (Astronomical Algorithms), corrected from TT to UT by ΔT;
 *  - the sun's apparent longitude from Meeus' low-precision series, to find which 30° sector (major solar
 *    term, trung khí) the sun is in at local midnight;
 *  - a month starts on the local (UTC+7) day of its new moon; month 11 is the month containing the winter
 *    solstice; when 13 new moons fall between two months 11, the first month without a major solar term is
 *    the leap month (tháng nhuận) and repeats the number of the month before it.
 * Its results were cross-checked for 1900–2100 against a high-precision ephemeris (see the report in the
 * calendar's README); the public functions accept the years 1800–2199, the range the algorithm was
 * published for.
 *
 * Pure and deterministic: integer day numbers in, integer day numbers out, floating point only inside the
 * astronomy. No clock, no I/O, safe in a Temporal workflow.
 */

/** Hours east of UTC of the meridian Vietnam's calendar uses. */
export const VIETNAM_TIME_ZONE = 7;

export const MIN_LUNAR_YEAR = 1800;
export const MAX_LUNAR_YEAR = 2199;

export interface LunarDate {
  /** 1–30 */
  day: number;
  /** 1–12; 1 is tháng Giêng, 12 tháng Chạp */
  month: number;
  /** The lunar year, named by the solar year in which its month 1 begins. */
  year: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon Meeus numbers k = 0 (6 Jan 1900), used to index new moons. */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

/** Julian day (UT) of the k-th new moon after the epoch: Meeus' series, truncated as in the published algorithm. */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900 January 0.5
  const T2 = T * T;
  const T3 = T2 * T;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DEG);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DEG) + 0.0021 * Math.sin(2 * M * DEG);
  c1 += -0.4068 * Math.sin(Mpr * DEG) + 0.0161 * Math.sin(2 * Mpr * DEG);
  c1 += -0.0004 * Math.sin(3 * Mpr * DEG);
  c1 += 0.0104 * Math.sin(2 * F * DEG) - 0.0051 * Math.sin((M + Mpr) * DEG);
  c1 += -0.0074 * Math.sin((M - Mpr) * DEG) + 0.0004 * Math.sin((2 * F + M) * DEG);
  c1 += -0.0004 * Math.sin((2 * F - M) * DEG) - 0.0006 * Math.sin((2 * F + Mpr) * DEG);
  c1 += 0.001 * Math.sin((2 * F - Mpr) * DEG) + 0.0005 * Math.sin((2 * Mpr + M) * DEG);
  // ΔT = TT − UT, in days: the series gives dynamical time, the calendar needs civil (universal) time.
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd + c1 - deltaT;
}

/** The sun's apparent ecliptic longitude in radians, [0, 2π), at Julian day `jd`. */
function sunLongitude(jd: number): number {
  const T = (jd - 2451545.0) / 36525; // Julian centuries from J2000.0
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(M * DEG);
  dl += (0.019993 - 0.000101 * T) * Math.sin(2 * M * DEG) + 0.00029 * Math.sin(3 * M * DEG);
  const l = (L0 + dl) * DEG;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which 30° sector (0–11, 0 = from the March equinox) the sun is in at the local midnight starting day `jdn`. */
function sunSector(jdn: number, timeZone: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** The local day number on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

function newMoonIndexNear(jdn: number): number {
  return Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
}

/** Day number on which month 11 (the month holding the winter solstice) of solar year `year` begins. */
function month11Start(year: number, timeZone: number): number {
  const k = Math.floor((jdnFromYmd(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, timeZone);
  // Sector 9 starts at 270°, the winter solstice: if the sun is already past it when this month begins,
  // the solstice belongs to the month before.
  return sunSector(start, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : start;
}

/**
 * In a 13-month lunar year starting at month 11 `a11`, the offset (from month 11) of the leap month: the first
 * month in which the sun enters no new sector, i.e. that holds no major solar term.
 */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = newMoonIndexNear(a11);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number, what: string): void {
  if (!Number.isInteger(year) || year < MIN_LUNAR_YEAR || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`${what} must be a year in ${MIN_LUNAR_YEAR}–${MAX_LUNAR_YEAR}, got ${year}`);
  }
}

function checkTimeZone(timeZone: number): void {
  if (!Number.isFinite(timeZone) || timeZone < -12 || timeZone > 14) {
    throw new RangeError(`timeZone must be hours east of UTC in -12..14, got ${timeZone}`);
  }
}

/** The lunar date of a solar (Gregorian) date, by default on Vietnam's meridian. */
export function solarToLunar(date: string, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  checkTimeZone(timeZone);
  const jdn = jdnFromIso(date);
  const solarYear = Number(date.slice(0, 4));
  checkYear(solarYear, 'The solar date');
  return lunarFromJdn(jdn, solarYear, timeZone);
}

function lunarFromJdn(jdn: number, solarYear: number, timeZone: number): LunarDate {
  // The last new moon on or before the day. The true new moon can run most of a day off the mean one the
  // index is estimated from, so step back until it is not after the day rather than trying two candidates.
  let k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k, timeZone);
  while (monthStart > jdn) monthStart = newMoonDay(--k, timeZone);

  let a11 = month11Start(solarYear, timeZone);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = solarYear;
    a11 = month11Start(solarYear - 1, timeZone);
  } else {
    year = solarYear + 1;
    b11 = month11Start(solarYear + 1, timeZone);
  }

  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    if (diff >= leapOffset) {
      month = diff + 10;
      leap = diff === leapOffset;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 (and a leap 11 or 12) still belong to the lunar year that began the previous spring.
  if (month >= 11 && diff < 4) year -= 1;
  return { day, month, year, leap };
}

/** Day number of day 1 of the given lunar month, or null if that year has no such (leap) month. */
function lunarMonthStartJdn(month: number, year: number, leap: boolean, timeZone: number): number | null {
  const a11 = month < 11 ? month11Start(year - 1, timeZone) : month11Start(year, timeZone);
  const b11 = month < 11 ? month11Start(year, timeZone) : month11Start(year + 1, timeZone);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  return newMoonDay(newMoonIndexNear(a11) + offset, timeZone);
}

function checkMonth(month: number): void {
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`A lunar month is 1–12, got ${month}`);
  }
}

/** Number of days (29 or 30) in a lunar month; RangeError if the year has no such leap month. */
export function lunarMonthLength(
  month: number,
  year: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): 29 | 30 {
  checkMonth(month);
  checkYear(year, 'The lunar year');
  checkTimeZone(timeZone);
  const start = lunarMonthStartJdn(month, year, leap, timeZone);
  if (start === null) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  // The next month starts with the next new moon, whatever its number.
  const next = newMoonDay(newMoonIndexNear(start) + 1, timeZone);
  return (next - start) as 29 | 30;
}

/**
 * The solar date of a lunar date. `leap` selects the leap month (tháng nhuận); asking for a leap month the
 * year does not have, or for day 30 of a 29-day month, is a RangeError rather than a silent neighbour.
 */
export function lunarToSolar(
  day: number,
  month: number,
  year: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): string {
  const length = lunarMonthLength(month, year, leap, timeZone);
  if (!Number.isInteger(day) || day < 1 || day > length) {
    throw new RangeError(`Lunar ${leap ? 'leap ' : ''}month ${month}/${year} has ${length} days, got day ${day}`);
  }
  const start = lunarMonthStartJdn(month, year, leap, timeZone) as number;
  return isoFromJdn(start + day - 1);
}

/** The leap month (1–12) of a lunar year, or null in a 12-month year. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | null {
  checkYear(year, 'The lunar year');
  checkTimeZone(timeZone);
  for (let month = 1; month <= 12; month++) {
    if (lunarMonthStartJdn(month, year, true, timeZone) !== null) return month;
  }
  return null;
}

/** Mùng 1 Tết: the first day of lunar year `year`. */
export function lunarNewYear(year: number, timeZone: number = VIETNAM_TIME_ZONE): string {
  return lunarToSolar(1, 1, year, false, timeZone);
}
