import { VIETNAM_ANNOUNCEMENTS } from './announcements';
import { addDays, isoDayOfWeek, isoFromJdn, jdnFromIso, jdnFromYmd } from './dates';
import { createVietnamCalendar } from './index';
import { type Holiday, WorkingCalendar } from './working-calendar';

/** The calendar with the shipped announcements, and one with the statute and default rules alone. */
const vn = createVietnamCalendar();
const statute = new WorkingCalendar();

function daysOff(calendar: WorkingCalendar, from: string, to: string): string[] {
  const off: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (!calendar.isWorkingDay(d)) off.push(d);
  return off;
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

describe('Tết 2025 (announced: off Sat 25 Jan – Sun 2 Feb)', () => {
  it('is nine days off in a row between two working Fridays and Mondays', () => {
    expect(daysOff(vn, '2025-01-20', '2025-02-07')).toEqual(range('2025-01-25', '2025-02-02'));
  });

  it('adds and counts working days across it', () => {
    expect(vn.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(vn.addWorkingDays('2025-01-22', 5)).toBe('2025-02-05');
    expect(vn.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(vn.workingDaysBetween('2025-01-24', '2025-02-03')).toBe(1);
    expect(vn.workingDaysBetween('2025-01-20', '2025-02-07')).toBe(9);
  });
});

describe('30/4 – 1/5 2025 (announced swap: Fri 2 May off, Sat 26 Apr worked)', () => {
  it('makes Saturday 26 April a working day and 30 April – 4 May a break', () => {
    expect(vn.isWorkingDay('2025-04-26')).toBe(true);
    expect(daysOff(vn, '2025-04-26', '2025-05-05')).toEqual([
      '2025-04-27',
      '2025-04-30',
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
      '2025-05-04',
    ]);
  });

  it('counts the worked Saturday and skips the swapped Friday', () => {
    expect(vn.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26');
    expect(vn.addWorkingDays('2025-04-26', 1)).toBe('2025-04-28');
    expect(vn.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(vn.addWorkingDays('2025-04-24', 5)).toBe('2025-05-05');
    expect(vn.workingDaysBetween('2025-04-24', '2025-05-05')).toBe(5);
    // April: 22 weekdays − Giỗ Tổ (Mon 7 Apr) − 30 Apr + Sat 26 Apr; May: 22 weekdays − 1 May − 2 May.
    expect(vn.workingDaysBetween('2025-03-31', '2025-04-30')).toBe(21);
    expect(vn.workingDaysBetween('2025-03-31', '2025-05-31')).toBe(41);
  });

  it('is a plain weekend and a working Friday without the announcement', () => {
    expect(statute.isWorkingDay('2025-04-26')).toBe(false);
    expect(statute.isWorkingDay('2025-05-02')).toBe(true);
    expect(statute.addWorkingDays('2025-04-29', 1)).toBe('2025-05-02');
  });
});

describe('other announced years', () => {
  it('2024: Tết 8–14 Feb; 29 Apr off, Sat 4 May worked; National Day 31 Aug – 3 Sep', () => {
    expect(daysOff(vn, '2024-02-05', '2024-02-16')).toEqual([...range('2024-02-08', '2024-02-14')]);
    expect(daysOff(vn, '2024-04-26', '2024-05-06')).toEqual(range('2024-04-27', '2024-05-01').concat('2024-05-05'));
    expect(vn.isWorkingDay('2024-05-04')).toBe(true);
    expect(daysOff(vn, '2024-08-29', '2024-09-05')).toEqual(range('2024-08-31', '2024-09-03'));
  });

  it('2026: New Year 1–4 Jan with Sat 10 Jan worked; Tết 14–22 Feb; National Day 29 Aug – 2 Sep with Sat 22 Aug worked', () => {
    expect(daysOff(vn, '2026-01-01', '2026-01-11')).toEqual([...range('2026-01-01', '2026-01-04'), '2026-01-11']);
    expect(vn.workingWeekendDaysOf(2026)).toEqual(['2026-01-10', '2026-08-22']);
    expect(daysOff(vn, '2026-02-12', '2026-02-24')).toEqual(range('2026-02-14', '2026-02-22'));
    expect(daysOff(vn, '2026-08-21', '2026-09-04')).toEqual(['2026-08-23', ...range('2026-08-29', '2026-09-02')]);
  });

  it('lists 2025 holidays in order with their kinds', () => {
    const tet = (date: string): Holiday => ({
      date,
      name: 'Tết Nguyên đán',
      nameEn: 'Lunar New Year (Tết)',
      kind: 'STATUTORY',
    });
    expect(vn.holidays(2025)).toEqual([
      { date: '2025-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'STATUTORY' },
      ...range('2025-01-27', '2025-01-31').map(tet),
      { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương', nameEn: "Hùng Kings' Commemoration Day", kind: 'STATUTORY' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng', nameEn: 'Victory Day (Reunification Day)', kind: 'STATUTORY' },
      { date: '2025-05-01', name: 'Ngày Quốc tế lao động', nameEn: "International Workers' Day", kind: 'STATUTORY' },
      {
        date: '2025-05-02',
        name: 'Ngày nghỉ theo thông báo (hoán đổi ngày làm việc)',
        nameEn: 'Announced day off (swapped working day)',
        kind: 'ANNOUNCED',
      },
      {
        date: '2025-09-01',
        name: 'Quốc khánh (ngày liền kề)',
        nameEn: 'National Day (adjacent day)',
        kind: 'STATUTORY',
      },
      { date: '2025-09-02', name: 'Quốc khánh', nameEn: 'National Day', kind: 'STATUTORY' },
    ]);
  });

  it('has 250 working days in 2025: 261 weekdays − 12 days off + 1 worked Saturday', () => {
    expect(vn.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(250);
  });
});

describe('holidays on a weekend are made up on the next working day (Labour Code Art. 111(3))', () => {
  it('1 Jan 2022, a Saturday → Monday 3 Jan; 1 Jan 2023, a Sunday → Monday 2 Jan', () => {
    expect(daysOff(statute, '2021-12-31', '2022-01-04')).toEqual(['2022-01-01', '2022-01-02', '2022-01-03']);
    expect(daysOff(statute, '2022-12-30', '2023-01-03')).toEqual(['2022-12-31', '2023-01-01', '2023-01-02']);
    expect(statute.holidays(2022).slice(0, 2)).toEqual([
      { date: '2022-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'STATUTORY' },
      {
        date: '2022-01-03',
        name: 'Nghỉ bù Tết Dương lịch',
        nameEn: "New Year's Day (compensatory day off)",
        kind: 'COMPENSATORY',
        compensatesFor: '2022-01-01',
      },
    ]);
  });

  it('2022: Giỗ Tổ on Sunday 10 Apr → 11 Apr; 30/4 and 1/5 on the weekend → 2 and 3 May', () => {
    expect(daysOff(statute, '2022-04-08', '2022-04-12')).toEqual(['2022-04-09', '2022-04-10', '2022-04-11']);
    expect(daysOff(statute, '2022-04-29', '2022-05-04')).toEqual(range('2022-04-30', '2022-05-03'));
  });

  it('2023: Giỗ Tổ on Sat 29 Apr and 30/4 on Sunday, then 1 May → 29 Apr – 3 May off, skipping 1 May', () => {
    expect(daysOff(statute, '2023-04-28', '2023-05-05')).toEqual(range('2023-04-29', '2023-05-03'));
    expect(statute.holidays(2023).filter((h) => h.kind === 'COMPENSATORY' && h.date.startsWith('2023-05'))).toEqual([
      expect.objectContaining({ date: '2023-05-02', compensatesFor: '2023-04-29' }),
      expect.objectContaining({ date: '2023-05-03', compensatesFor: '2023-04-30' }),
    ]);
  });

  it('2 Sep 2023, a Saturday: Friday 1 Sep is the adjacent day and Monday 4 Sep the make-up day', () => {
    expect(daysOff(statute, '2023-08-31', '2023-09-05')).toEqual(range('2023-09-01', '2023-09-04'));
  });

  it('2 Sep 2029, a Sunday: Monday 3 Sep is the adjacent day and Tuesday 4 Sep the make-up day', () => {
    expect(daysOff(statute, '2029-08-31', '2029-09-05')).toEqual(range('2029-09-01', '2029-09-04'));
  });
});

describe('National Day, the second day', () => {
  it.each([
    [2021, '2021-09-03'], // Thu → Fri
    [2022, '2022-09-01'], // Fri → Thu
    [2023, '2023-09-01'], // Sat → Fri
    [2024, '2024-09-03'], // Mon → Tue
    [2025, '2025-09-01'], // Tue → Mon
    [2026, '2026-09-01'], // Wed → Tue
    [2029, '2029-09-03'], // Sun → Mon
  ])('%i: the AUTO default picks %s, as the government did', (year, adjacent) => {
    const names = statute.holidays(year).filter((h) => h.date === adjacent && h.kind === 'STATUTORY');
    expect(names.map((h) => h.name)).toEqual(['Quốc khánh (ngày liền kề)']);
    const announced = VIETNAM_ANNOUNCEMENTS.find((a) => a.year === year)?.nationalDayAdjacent;
    if (announced) expect(announced).toBe(adjacent);
  });

  it('can be fixed to 1 or 3 Sep', () => {
    const before = new WorkingCalendar([], { nationalDayAdjacent: 'BEFORE' });
    const after = new WorkingCalendar([], { nationalDayAdjacent: 'AFTER' });
    expect(daysOff(before, '2021-08-31', '2021-09-06')).toEqual([
      '2021-09-01',
      '2021-09-02',
      '2021-09-04',
      '2021-09-05',
    ]);
    expect(daysOff(after, '2025-08-29', '2025-09-05')).toEqual([
      '2025-08-30',
      '2025-08-31',
      '2025-09-02',
      '2025-09-03',
    ]);
  });

  it('was one day only before the 2019 Labour Code took effect (2020: Wed 2 Sep alone)', () => {
    expect(daysOff(statute, '2020-08-31', '2020-09-04')).toEqual(['2020-09-02']);
  });
});

describe('the default Tết rule (no announcement)', () => {
  it.each(VIETNAM_ANNOUNCEMENTS.filter((a) => a.tetDaysOff).map((a) => [a.year, a.tetDaysOff] as const))(
    '%i: reproduces the announced days %j',
    (year, announced) => {
      const tetOff = daysOff(statute, `${year}-01-15`, `${year}-02-28`).filter((d) => isoDayOfWeek(d) <= 5);
      expect(tetOff).toEqual(announced);
    },
  );

  it('2024 under the literal Art. 111(3) rule moves both weekend days forward instead', () => {
    const literal = new WorkingCalendar([], { tetWeekendRule: 'NEXT_WORKING_DAY' });
    // Eve Fri 9 Feb, mùng 1–2 on the weekend, mùng 3–4 Mon–Tue, made up on Wed 14 and Thu 15.
    expect(daysOff(literal, '2024-02-05', '2024-02-16')).toEqual(range('2024-02-09', '2024-02-15'));
    expect(statute.isWorkingDay('2024-02-15')).toBe(true);
  });

  it('2027 (Tết on a Saturday): Thu 4 – Wed 10 Feb', () => {
    expect(daysOff(statute, '2027-02-01', '2027-02-12')).toEqual(range('2027-02-04', '2027-02-10'));
    const made = statute.holidays(2027).filter((h) => h.kind === 'COMPENSATORY' && h.date.startsWith('2027-02'));
    expect(made.map((h) => [h.date, h.compensatesFor])).toEqual([
      ['2027-02-04', '2027-02-06'],
      ['2027-02-10', '2027-02-07'],
    ]);
  });

  it('can put the five days elsewhere around mùng 1', () => {
    const fromNewYear = new WorkingCalendar([], { tetDaysBeforeNewYear: 0 });
    // 2021: mùng 1 on Friday 12 Feb; mùng 1–5 are Fri–Tue, the weekend moved to Thu 11 and Wed 17.
    expect(daysOff(fromNewYear, '2021-02-08', '2021-02-19').filter((d) => isoDayOfWeek(d) <= 5)).toEqual([
      '2021-02-11',
      '2021-02-12',
      '2021-02-15',
      '2021-02-16',
      '2021-02-17',
    ]);
    expect(() => new WorkingCalendar([], { tetDaysBeforeNewYear: 6 })).toThrow(RangeError);
  });
});

describe('additional statutory holidays', () => {
  it('takes a fixed-date holiday from its first year and makes it up when it falls on a weekend', () => {
    const calendar = new WorkingCalendar([], {
      additionalHolidays: [
        { month: 11, day: 24, name: 'Ngày Văn hóa Việt Nam', nameEn: 'Culture Day', fromYear: 2027 },
      ],
    });
    expect(calendar.isWorkingDay('2026-11-24')).toBe(true);
    expect(calendar.isWorkingDay('2027-11-24')).toBe(false); // a Wednesday
    expect(isoDayOfWeek('2029-11-24')).toBe(6);
    expect(daysOff(calendar, '2029-11-23', '2029-11-27')).toEqual(['2029-11-24', '2029-11-25', '2029-11-26']);
  });
});

describe('conventions of addWorkingDays and workingDaysBetween', () => {
  it('n = 0 keeps a working day and rolls a day off forward to the next working day', () => {
    expect(vn.addWorkingDays('2025-01-24', 0)).toBe('2025-01-24');
    expect(vn.addWorkingDays('2025-01-25', 0)).toBe('2025-02-03');
    expect(vn.addWorkingDays('2025-03-01', 0)).toBe('2025-03-03');
  });

  it('counts from the day after `from`, whether or not `from` is a working day', () => {
    expect(vn.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10'); // Friday → Monday
    expect(vn.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // Saturday → Monday
    expect(vn.addWorkingDays('2025-03-09', -1)).toBe('2025-03-07'); // Sunday → Friday
  });

  it('counts (from, to]: from excluded, to included; the sign flips with the arguments', () => {
    expect(vn.workingDaysBetween('2025-03-10', '2025-03-10')).toBe(0);
    expect(vn.workingDaysBetween('2025-03-10', '2025-03-11')).toBe(1);
    expect(vn.workingDaysBetween('2025-03-07', '2025-03-09')).toBe(0);
    expect(vn.workingDaysBetween('2025-03-07', '2025-03-10')).toBe(1);
    expect(vn.workingDaysBetween('2025-03-10', '2025-03-07')).toBe(-1);
    expect(vn.workingDaysBetween('2025-03-09', '2025-03-08')).toBe(0); // 0, not -0
  });

  it('agree with each other over 2024–2026', () => {
    for (let d = '2024-01-01'; d <= '2026-12-31'; d = addDays(d, 7)) {
      for (const start of [d, addDays(d, 3), addDays(d, 5)]) {
        for (const n of [-30, -9, -1, 0, 1, 2, 9, 30]) {
          const end = vn.addWorkingDays(start, n);
          if (n > 0 || vn.isWorkingDay(start)) expect(vn.workingDaysBetween(start, end)).toBe(n);
          expect(vn.workingDaysBetween(end, start) + vn.workingDaysBetween(start, end)).toBe(0);
          if (vn.isWorkingDay(start)) expect(vn.addWorkingDays(end, -n)).toBe(start);
          if (n !== 0) expect(vn.isWorkingDay(end)).toBe(true);
        }
      }
    }
  });

  it('counts spans of days and of years as a walk over their days does', () => {
    const walk = (from: string, to: string) => {
      let n = 0;
      for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (vn.isWorkingDay(d)) n++;
      return n;
    };
    // Deterministic spread of spans: short ones inside a year, across a year end, and over several years.
    let seed = 20261126;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let k = 0; k < 400; k++) {
      const from = addDays('2014-01-01', next(365 * 15));
      const to = addDays(from, [next(40), 300 + next(200), next(365 * 4)][k % 3]);
      expect(vn.workingDaysBetween(from, to)).toBe(walk(from, to));
      expect(vn.workingDaysBetween(to, from)).toBe(-walk(from, to) || 0);
    }
    // `from` is excluded, so a span starting on the last day before the calendar's range is counted…
    expect(vn.workingDaysBetween('2013-12-31', '2014-01-06')).toBe(walk('2013-12-31', '2014-01-06'));
    // …and a span reaching past its end is refused.
    expect(() => vn.workingDaysBetween('2199-12-30', '2200-01-02')).toThrow(/2014–2199/);
  });

  it('accepts exactly the dates that exist, century leap years included', () => {
    for (const year of [1900, 2000, 2024, 2025, 2100, 2400]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 28; day <= 31; day++) {
          const iso = `${year}-${String(month).padStart(2, '0')}-${day}`;
          // A date exists when its day number converts back to the same text (no roll-over into the next month).
          const exists = isoFromJdn(jdnFromYmd(year, month, day)) === iso;
          if (exists) expect(jdnFromIso(iso)).toBe(jdnFromYmd(year, month, day));
          else expect(() => jdnFromIso(iso)).toThrow(/No such calendar date/);
        }
      }
    }
    expect(() => jdnFromIso('2025-13-01')).toThrow(RangeError);
    expect(() => jdnFromIso('2025-00-10')).toThrow(RangeError);
    expect(() => jdnFromIso('2025-01-00')).toThrow(RangeError);
  });

  it('rejects bad input', () => {
    expect(() => vn.addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => vn.addWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
    expect(() => vn.isWorkingDay('2013-06-03')).toThrow(/2014–2199/);
    expect(() => vn.holidays(2200)).toThrow(RangeError);
  });
});

describe('announcement checking', () => {
  const base = { year: 2030, extraDaysOff: [], workingSaturdays: [] };
  it.each([
    ['a weekend extra day off', { ...base, extraDaysOff: ['2030-01-05'] }],
    ['a weekday "working Saturday"', { ...base, workingSaturdays: ['2030-01-07'] }],
    ['a National Day neighbour that is not 1 or 3 Sep', { ...base, nationalDayAdjacent: '2030-09-04' }],
    ['a Tết day in another year', { ...base, tetDaysOff: ['2029-12-31'] }],
    ['an invalid date', { ...base, extraDaysOff: ['2030-02-29'] }],
  ])('rejects %s', (_what, announcement) => {
    expect(() => new WorkingCalendar([announcement])).toThrow(RangeError);
  });

  it('rejects two announcements for one year', () => {
    expect(() => new WorkingCalendar([base, base])).toThrow(/duplicate/);
  });
});
