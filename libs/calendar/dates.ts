/**
 * Dates are ISO strings (YYYY-MM-DD) in the public API and Julian day numbers (JDN) inside. Integer day
 * arithmetic needs no `Date`, no clock and no time zone setting, so the same input gives the same answer in a
 * Temporal workflow sandbox, on a server in any TZ, and in a browser. The calendar is the proleptic Gregorian
 * one; nothing here needs dates before 1582.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** ISO day of week: 1 = Monday … 6 = Saturday, 7 = Sunday. */
export type IsoDayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function jdnFromYmd(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

export function ymdFromJdn(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function isoFromYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses a strict YYYY-MM-DD calendar date; anything else (a timestamp, 2025-02-30) is a RangeError. */
export function jdnFromIso(date: string): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new RangeError(`Not an ISO calendar date (YYYY-MM-DD): ${String(date)}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  // A day past the month's end would silently roll over into the next month: reject it instead.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`No such calendar date: ${date}`);
  }
  return jdnFromYmd(year, month, day);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1];
}

export function isoFromJdn(jdn: number): string {
  const { year, month, day } = ymdFromJdn(jdn);
  return isoFromYmd(year, month, day);
}

/** JDN 0 was a Monday, so the remainder mod 7 counts days from Monday. */
export function dayOfWeekOfJdn(jdn: number): IsoDayOfWeek {
  return ((((jdn % 7) + 7) % 7) + 1) as IsoDayOfWeek;
}

export function isoDayOfWeek(date: string): IsoDayOfWeek {
  return dayOfWeekOfJdn(jdnFromIso(date));
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return isoFromJdn(jdnFromIso(date) + days);
}

export function yearOfJdn(jdn: number): number {
  return ymdFromJdn(jdn).year;
}
