import { addDays, jdnFromIso } from './dates';
import { leapMonthOf, lunarMonthLength, lunarNewYear, lunarToSolar, solarToLunar } from './lunar';

/**
 * Mùng 1 Tết and Giỗ Tổ Hùng Vương (10/3 lunar) as published in Vietnamese calendars. Each row was also checked
 * against an independent high-precision ephemeris (true new moons and solar terms at UTC+7), which agrees with
 * the algorithm on every month start from 1945 to 2071.
 */
const PUBLISHED: ReadonlyArray<[year: number, tet: string, hungKings: string]> = [
  [2020, '2020-01-25', '2020-04-02'],
  [2021, '2021-02-12', '2021-04-21'],
  [2022, '2022-02-01', '2022-04-10'],
  [2023, '2023-01-22', '2023-04-29'],
  [2024, '2024-02-10', '2024-04-18'],
  [2025, '2025-01-29', '2025-04-07'],
  [2026, '2026-02-17', '2026-04-26'],
  [2027, '2027-02-06', '2027-04-16'],
  [2028, '2028-01-26', '2028-04-04'],
  [2029, '2029-02-13', '2029-04-23'],
  // Not 3 Feb: that is China's date. The new moon is at 16:07 UTC on 2 Feb 2030, 23:07 in Hà Nội but 00:07
  // on 3 Feb in Beijing, so Tết Canh Tuất is a day earlier in Vietnam.
  [2030, '2030-02-02', '2030-04-12'],
  [2031, '2031-01-23', '2031-04-01'],
  [2032, '2032-02-11', '2032-04-19'],
  [2033, '2033-01-31', '2033-04-09'],
  [2034, '2034-02-19', '2034-04-28'],
  [2035, '2035-02-08', '2035-04-17'],
];

describe('Tết and Giỗ Tổ 2020–2035', () => {
  it.each(PUBLISHED)('%i: Tết %s, Giỗ Tổ %s', (year, tet, hungKings) => {
    expect(lunarNewYear(year)).toBe(tet);
    expect(solarToLunar(tet)).toEqual({ day: 1, month: 1, year, leap: false });
    expect(lunarToSolar(10, 3, year)).toBe(hungKings);
    expect(solarToLunar(hungKings)).toEqual({ day: 10, month: 3, year, leap: false });
    // The day before Tết is the last day of the old lunar year, month 12.
    expect(solarToLunar(addDays(tet, -1))).toMatchObject({ month: 12, year: year - 1, leap: false });
  });
});

describe('UTC+7 is really used: Vietnam and China (UTC+8) differ', () => {
  it.each([
    // [year, Vietnam, China]
    [2007, '2007-02-17', '2007-02-18'], // new moon 16:14 UTC on 17 Feb
    [2030, '2030-02-02', '2030-02-03'],
    // A whole month apart: the month-11 boundary falls differently, so China's extra month comes first.
    [1985, '1985-01-21', '1985-02-20'],
    // Tết Mậu Thân: the North, on UTC+7 since 1967, celebrated a day before the South (still on UTC+8).
    [1968, '1968-01-29', '1968-01-30'],
  ])('Tết %i: %s in Vietnam, %s in China', (year, vietnam, china) => {
    expect(lunarNewYear(year)).toBe(vietnam);
    expect(lunarNewYear(year, 8)).toBe(china);
  });

  it('gives the same solar date two different lunar dates', () => {
    expect(solarToLunar('2007-02-17')).toEqual({ day: 1, month: 1, year: 2007, leap: false });
    expect(solarToLunar('2007-02-17', 8)).toEqual({ day: 30, month: 12, year: 2006, leap: false });
  });
});

describe('leap months', () => {
  it.each([
    [2020, 4],
    [2023, 2],
    [2025, 6],
    [2028, 5],
    [2031, 3],
    [2033, 11],
    [2036, 6],
  ])('lunar year %i has a leap month %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
    const start = lunarToSolar(1, month, year, true);
    expect(solarToLunar(start)).toEqual({ day: 1, month, year, leap: true });
    // The leap month follows the regular month of the same number, directly.
    const regularStart = lunarToSolar(1, month, year, false);
    expect(addDays(regularStart, lunarMonthLength(month, year, false))).toBe(start);
  });

  it.each([2021, 2022, 2024, 2026, 2027, 2029, 2030, 2032, 2034, 2035])('lunar year %i has none', (year) => {
    expect(leapMonthOf(year)).toBeNull();
    expect(() => lunarToSolar(1, 1, year, true)).toThrow(RangeError);
  });

  it('knows the published leap-month dates', () => {
    // Tháng 4 nhuận Canh Tý, tháng 2 nhuận Quý Mão, tháng 6 nhuận Ất Tỵ.
    expect(lunarToSolar(1, 4, 2020, true)).toBe('2020-05-23');
    expect(lunarToSolar(1, 2, 2023, true)).toBe('2023-03-22');
    expect(lunarToSolar(1, 6, 2025, true)).toBe('2025-07-25');
  });

  it('asks for a leap month only where there is one', () => {
    expect(() => lunarToSolar(1, 5, 2025, true)).toThrow(/no leap month 5/);
  });
});

describe('month lengths', () => {
  it('2025–2032 have no "30 Tết": the last month of each preceding year has 29 days', () => {
    for (let year = 2025; year <= 2032; year++) expect(lunarMonthLength(12, year - 1)).toBe(29);
    for (const year of [2020, 2021, 2023, 2024]) expect(lunarMonthLength(12, year - 1)).toBe(30);
    expect(solarToLunar('2024-02-09')).toEqual({ day: 30, month: 12, year: 2023, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ day: 29, month: 12, year: 2024, leap: false });
  });

  it('starts a month on the right day when the new moon is seconds after local midnight', () => {
    // New moon at 00:00:14 on 8 May 2054, Hà Nội time: an earlier version numbered 8 May as day 0.
    expect(solarToLunar('2054-05-08')).toEqual({ day: 1, month: 4, year: 2054, leap: false });
    expect(solarToLunar('2054-05-07')).toMatchObject({ month: 3, year: 2054 });
  });

  it('rejects day 30 of a 29-day month instead of returning the next month', () => {
    expect(lunarMonthLength(12, 2024)).toBe(29);
    expect(() => lunarToSolar(30, 12, 2024)).toThrow(RangeError);
  });
});

describe('round trips', () => {
  it('solar → lunar → solar for every day 1990–2060, and lunar days run 1, 2, … without gaps', () => {
    let date = '1990-01-01';
    let previous = solarToLunar(addDays(date, -1));
    while (date <= '2060-12-31') {
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar.day, lunar.month, lunar.year, lunar.leap)).toBe(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(previous.day);
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = lunar;
      date = addDays(date, 1);
    }
  });

  it('lunar → solar → lunar for every day of lunar years 2019–2036, leap months included', () => {
    let leapDays = 0;
    for (let year = 2019; year <= 2036; year++) {
      const leap = leapMonthOf(year);
      for (let month = 1; month <= 12; month++) {
        for (const isLeap of leap === month ? [false, true] : [false]) {
          const length = lunarMonthLength(month, year, isLeap);
          for (let day = 1; day <= length; day++) {
            const solar = lunarToSolar(day, month, year, isLeap);
            expect(solarToLunar(solar)).toEqual({ day, month, year, leap: isLeap });
            if (isLeap) leapDays++;
          }
        }
      }
    }
    expect(leapDays).toBeGreaterThan(6 * 29);
  });

  it('counts 12 or 13 months a year: 353–355 or 383–385 days', () => {
    for (let year = 1990; year <= 2060; year++) {
      const days = jdnFromIso(lunarNewYear(year + 1)) - jdnFromIso(lunarNewYear(year));
      expect(leapMonthOf(year) === null ? [353, 354, 355] : [383, 384, 385]).toContain(days);
    }
  });
});

describe('input checking', () => {
  it.each(['2025-02-30', '2025-13-01', '2025-1-5', '2025-01-05T00:00:00Z', ''])('rejects %p', (bad) => {
    expect(() => solarToLunar(bad)).toThrow(RangeError);
  });

  it('rejects years outside the range the algorithm was published for', () => {
    expect(() => solarToLunar('1799-12-31')).toThrow(RangeError);
    expect(() => lunarToSolar(1, 1, 2200)).toThrow(RangeError);
    expect(() => lunarToSolar(1, 13, 2025)).toThrow(RangeError);
    expect(() => lunarToSolar(0, 1, 2025)).toThrow(RangeError);
  });
});
