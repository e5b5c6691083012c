import { monthAfter, wholeMonths } from './whole-months';

/**
 * Which summary rows add up to the approvals of the days from..to (both included): the priority share reads them
 * instead of one row per day and org. The rollups are exact sums of their days (the writer counts a day, its month
 * and its year in the same batch), so:
 *
 * - whole years inside the range come from `summary_approval_years` (only when the buckets are years: a year row
 *   cannot be split into months or quarters), the other whole months from `summary_approval_months`;
 * - a leading partial month is its days, or its month row minus the days before `from`, whichever is fewer rows;
 * - the trailing part (the month of `to`, or the year of `to` for year buckets) is its rollup row when nothing was
 *   counted after `to` in it — the usual case, a range ending today — and otherwise the whole months before it and
 *   the days. Which of the two applies is decided in the statement (`when`), so one snapshot reads both.
 */
export interface ApprovalSegment {
  table: 'days' | 'months' | 'years';
  /** First day (or month, year start) included. */
  from: string;
  /** First day not included. */
  until: string;
  /** −1: subtracted (the days of a month row before `from`). */
  sign: 1 | -1;
  /** Read only when each holds: something was counted after `to` and before `probeUntil` (`after`), or nothing (`none`). */
  when: Condition[];
}

export interface Condition {
  probeUntil: string;
  counted: 'after' | 'none';
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayAfter = (day: string) => iso(ms(day) + DAY);
const yearStart = (day: string) => `${day.slice(0, 4)}-01-01`;
const yearAfter = (day: string) => `${Number(day.slice(0, 4)) + 1}-01-01`;
const days = (from: string, until: string) => Math.round((ms(until) - ms(from)) / DAY);

/** The segments of months [from, until) (both month starts): whole years from the year rows when allowed. */
function wholeMonthsSegments(from: string, until: string, years: boolean): ApprovalSegment[] {
  if (from >= until) return [];
  const firstYear = from.endsWith('-01-01') ? from : yearAfter(from);
  const endYear = yearStart(until);
  const months = (a: string, b: string): ApprovalSegment => ({ table: 'months', from: a, until: b, sign: 1, when: [] });
  if (!years || firstYear >= endYear) return [months(from, until)];
  return [
    ...(from < firstYear ? [months(from, firstYear)] : []),
    { table: 'years', from: firstYear, until: endYear, sign: 1, when: [] },
    ...(endYear < until ? [months(endYear, until)] : []),
  ];
}

export function approvalSegments(from: string, to: string, bucket: 'month' | 'quarter' | 'year'): ApprovalSegment[] {
  const toExcl = dayAfter(to);
  const [wholeFrom, wholeTo] = wholeMonths(from, to);
  const out: ApprovalSegment[] = [];
  // No whole month inside: the days, as they are (at most 61 rows an org).
  if (wholeFrom >= wholeTo && (from.slice(0, 7) === to.slice(0, 7) || wholeFrom > to)) {
    return [{ table: 'days', from, until: toExcl, sign: 1, when: [] }];
  }
  // The leading partial month [from, wholeFrom).
  if (from < wholeFrom) {
    const lead = `${from.slice(0, 8)}01`;
    if (days(lead, from) < days(from, wholeFrom)) {
      out.push({ table: 'months', from: lead, until: monthAfter(lead), sign: 1, when: [] });
      out.push({ table: 'days', from: lead, until: from, sign: -1, when: [] });
    } else {
      out.push({ table: 'days', from, until: wholeFrom, sign: 1, when: [] });
    }
  }
  const years = bucket === 'year';
  const tailYear = yearStart(wholeTo);
  // The year of `to` from its row when it starts inside the range and nothing was counted after `to` in it.
  if (years && tailYear >= wholeFrom && tailYear <= to) {
    const probeUntil = yearAfter(tailYear);
    const after: Condition = { probeUntil, counted: 'after' };
    out.push(...wholeMonthsSegments(wholeFrom, tailYear, true));
    out.push({ table: 'years', from: tailYear, until: probeUntil, sign: 1, when: [{ probeUntil, counted: 'none' }] });
    out.push(...wholeMonthsSegments(tailYear, wholeTo, false).map((s) => ({ ...s, when: [after] })));
    out.push(...trailingMonth(wholeTo, to, toExcl).map((s) => ({ ...s, when: [after, ...s.when] })));
    return out;
  }
  out.push(...wholeMonthsSegments(wholeFrom, wholeTo, years));
  out.push(...trailingMonth(wholeTo, to, toExcl));
  return out;
}

/** The partial month of `to`, [wholeTo, to]: its month row when nothing was counted after `to` in it, else its days. */
function trailingMonth(wholeTo: string, to: string, toExcl: string): ApprovalSegment[] {
  if (wholeTo > to) return [];
  const probeUntil = monthAfter(wholeTo);
  return [
    { table: 'months', from: wholeTo, until: probeUntil, sign: 1, when: [{ probeUntil, counted: 'none' }] },
    { table: 'days', from: wholeTo, until: toExcl, sign: 1, when: [{ probeUntil, counted: 'after' }] },
  ];
}
