import { monthAfter, wholeMonths } from './whole-months';

const DAY = 86400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Every day from..to, each labelled by the part that reads it: a partial-month day or a whole month's row. */
function parts(from: string, to: string): { day: string; part: 'head' | 'month' | 'tail' }[] {
  const [first, end] = wholeMonths(from, to);
  const out: { day: string; part: 'head' | 'month' | 'tail' }[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += DAY) {
    const day = iso(t);
    const readers = [
      day >= from && day < first && day <= to ? 'head' : null,
      day.slice(0, 8) + '01' >= first && day.slice(0, 8) + '01' < end ? 'month' : null,
      day >= end && day <= to ? 'tail' : null,
    ].filter((p) => p !== null);
    expect([day, readers.length]).toEqual([day, 1]);
    out.push({ day, part: readers[0] as 'head' | 'month' | 'tail' });
  }
  return out;
}

describe('wholeMonths', () => {
  it('covers every day of from..to exactly once, whole months by their month row only', () => {
    const starts = ['2024-01-01', '2024-01-15', '2024-01-31', '2024-02-28', '2024-02-29', '2024-12-31', '2025-03-01'];
    for (const from of starts) {
      for (const span of [0, 1, 13, 27, 28, 29, 30, 31, 45, 59, 60, 61, 90, 364, 365, 366, 400]) {
        const to = iso(Date.parse(from) + span * DAY);
        const [first, end] = wholeMonths(from, to);
        expect(first <= end).toBe(true);
        for (const m of [first, end]) expect(m.endsWith('-01')).toBe(true);
        for (const { day, part } of parts(from, to)) {
          const month = day.slice(0, 8) + '01';
          // A month row stands for all its days: only months lying wholly inside from..to may be read whole.
          const monthEnd = iso(Date.UTC(+day.slice(0, 4), +day.slice(5, 7), 0));
          const inside = month >= from && monthEnd <= to;
          expect([day, part === 'month']).toEqual([day, inside]);
        }
      }
    }
  });

  it('names the months', () => {
    expect(wholeMonths('2025-11-26', '2026-11-26')).toEqual(['2025-12-01', '2026-11-01']);
    expect(wholeMonths('2026-01-01', '2026-01-31')).toEqual(['2026-01-01', '2026-02-01']);
    expect(wholeMonths('2026-01-10', '2026-01-20')).toEqual(['2026-02-01', '2026-02-01']);
    expect(wholeMonths('2026-12-01', '2026-12-31')).toEqual(['2026-12-01', '2027-01-01']);
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual(['2024-02-01', '2024-03-01']);
    expect(wholeMonths('2024-02-01', '2024-02-28')).toEqual(['2024-02-01', '2024-02-01']);
  });

  it('names the month after', () => {
    expect(monthAfter('2026-11-26')).toBe('2026-12-01');
    expect(monthAfter('2026-12-01')).toBe('2027-01-01');
    expect(monthAfter('2024-01-31')).toBe('2024-02-01');
    expect(monthAfter('2024-02-29')).toBe('2024-03-01');
  });
});
