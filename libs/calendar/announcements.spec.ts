import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VIETNAM_ANNOUNCEMENTS } from './announcements';
import { isoDayOfWeek, jdnFromIso } from './dates';
import { lunarNewYear } from './lunar';
import { MAX_CALENDAR_YEAR, MIN_CALENDAR_YEAR } from './working-calendar';

describe('the shipped announcements', () => {
  it('are one per year, in order, within the calendar range', () => {
    const years = VIETNAM_ANNOUNCEMENTS.map((a) => a.year);
    expect(years).toEqual([...new Set(years)].sort((x, y) => x - y));
    for (const year of years) {
      expect(year).toBeGreaterThanOrEqual(MIN_CALENDAR_YEAR);
      expect(year).toBeLessThanOrEqual(MAX_CALENDAR_YEAR);
    }
  });

  it.each(VIETNAM_ANNOUNCEMENTS.map((a) => [a.year, a] as const))('%i is consistent', (year, a) => {
    // Every swap gives one day off for one weekend day worked: the year's working time is unchanged.
    expect(a.extraDaysOff.length).toBe(a.workingSaturdays.length);
    expect(a.legalBasis).toBeTruthy();
    expect(typeof a.verified).toBe('boolean');
    if (a.tetDaysOff) {
      // Five weekdays, in order, within a week of mùng 1.
      expect(a.tetDaysOff).toHaveLength(5);
      expect([...a.tetDaysOff].sort()).toEqual(a.tetDaysOff);
      const newYear = jdnFromIso(lunarNewYear(year));
      for (const d of a.tetDaysOff) {
        expect(isoDayOfWeek(d)).toBeLessThanOrEqual(5);
        expect(Math.abs(jdnFromIso(d) - newYear)).toBeLessThanOrEqual(7);
      }
    }
  });
});

describe('the calendar sources', () => {
  // Workflow code must replay identically: the calendar may not read a clock, random numbers or the process.
  const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));

  it.each(sources)('%s uses no clock, randomness, process or Node module', (file) => {
    const code = readFileSync(join(__dirname, file), 'utf8');
    expect(code).not.toMatch(
      /\bnew Date\b|\bDate\.\w|\bperformance\.|Math\.random|\bprocess\.|\brequire\(|from '(node:|fs|path|crypto)/,
    );
  });
});
