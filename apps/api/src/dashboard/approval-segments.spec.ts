import { approvalSegments, type ApprovalSegment } from './approval-segments';

/** Approvals per day over 2024–2027 from a fixed pseudo-random sequence, with empty stretches. */
function sampleDays(seed: number): Map<string, number> {
  const days = new Map<string, number>();
  let x = seed;
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2028, 0, 1); t += 86_400_000) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    if (x % 7 < 4) days.set(new Date(t).toISOString().slice(0, 10), (x % 5) + 1);
  }
  return days;
}

const bucketOf = (day: string, bucket: 'month' | 'quarter' | 'year') =>
  bucket === 'year'
    ? day.slice(0, 4)
    : bucket === 'quarter'
      ? `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
      : day.slice(0, 7);

/** What the statement reads: each segment's rows (a rollup row is the sum of its days), bucketed by its own date. */
function evaluate(
  segments: ApprovalSegment[],
  days: Map<string, number>,
  to: string,
  bucket: 'month' | 'quarter' | 'year',
) {
  const out = new Map<string, number>();
  const countedAfter = (until: string) => [...days.keys()].some((d) => d > to && d < until);
  for (const s of segments) {
    if (!s.when.every((c) => countedAfter(c.probeUntil) === (c.counted === 'after'))) continue;
    for (const [day, n] of days) {
      if (day < s.from || day >= s.until) continue;
      // A month or year row is dated by its first day: its bucket is that day's.
      const rowDate =
        s.table === 'days' ? day : s.table === 'months' ? `${day.slice(0, 7)}-01` : `${day.slice(0, 4)}-01-01`;
      const b = bucketOf(rowDate, bucket);
      out.set(b, (out.get(b) ?? 0) + s.sign * n);
    }
  }
  return new Map([...out].filter(([, n]) => n !== 0));
}

function direct(days: Map<string, number>, from: string, to: string, bucket: 'month' | 'quarter' | 'year') {
  const out = new Map<string, number>();
  for (const [day, n] of days)
    if (day >= from && day <= to) out.set(bucketOf(day, bucket), (out.get(bucketOf(day, bucket)) ?? 0) + n);
  return out;
}

const BUCKETS = ['month', 'quarter', 'year'] as const;

describe('approvalSegments', () => {
  it('add up to the days of the range, bucket by bucket, for ranges of every shape', () => {
    const days = sampleDays(7);
    const starts = ['2025-01-01', '2025-01-02', '2025-03-31', '2025-12-04', '2025-12-28', '2026-02-01', '2026-06-15'];
    const ends = ['2025-12-31', '2026-01-01', '2026-02-28', '2026-06-15', '2026-12-04', '2026-12-31', '2027-03-03'];
    let cases = 0;
    for (const from of starts)
      for (const to of ends) {
        if (from > to) continue;
        for (const bucket of BUCKETS) {
          expect([from, to, bucket, evaluate(approvalSegments(from, to, bucket), days, to, bucket)]).toEqual([
            from,
            to,
            bucket,
            direct(days, from, to, bucket),
          ]);
          cases++;
        }
      }
    expect(cases).toBeGreaterThan(100);
  });

  it('also when nothing is counted after `to` (a range ending today), and then read few rows', () => {
    const days = new Map([...sampleDays(11)].filter(([d]) => d <= '2026-12-04'));
    for (const bucket of BUCKETS) {
      expect(evaluate(approvalSegments('2025-12-04', '2026-12-04', bucket), days, '2026-12-04', bucket)).toEqual(
        direct(days, '2025-12-04', '2026-12-04', bucket),
      );
    }
    // The year view of the default range: December 2025 as its month row less three days, 2026 as its year row.
    const year = approvalSegments('2025-12-04', '2026-12-04', 'year');
    expect(year.filter((s) => s.when.every((c) => c.counted === 'none'))).toEqual([
      { table: 'months', from: '2025-12-01', until: '2026-01-01', sign: 1, when: [] },
      { table: 'days', from: '2025-12-01', until: '2025-12-04', sign: -1, when: [] },
      {
        table: 'years',
        from: '2026-01-01',
        until: '2027-01-01',
        sign: 1,
        when: [{ probeUntil: '2027-01-01', counted: 'none' }],
      },
    ]);
  });

  it('never reads a year row for month or quarter buckets, and a short range as its days', () => {
    for (const bucket of ['month', 'quarter'] as const) {
      expect(approvalSegments('2024-01-01', '2026-12-31', bucket).some((s) => s.table === 'years')).toBe(false);
    }
    expect(approvalSegments('2026-12-04', '2026-12-10', 'year')).toEqual([
      { table: 'days', from: '2026-12-04', until: '2026-12-11', sign: 1, when: [] },
    ]);
  });
});
