/** The first day of the month after `day` (YYYY-MM-DD), or `day` itself when it is a first. */
function monthStartOnOrAfter(day: string): string {
  if (day.endsWith('-01')) return day;
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/**
 * The whole months inside the days from..to (both included, from ≤ to), as [first day of the first, first day
 * after the last): empty (both ends equal) when no month lies wholly inside. The days before and after it are
 * [from, first) and [end, to], so the three cover from..to once.
 */
export function wholeMonths(from: string, to: string): [string, string] {
  const first = monthStartOnOrAfter(from);
  const [y, m, d] = to.split('-').map(Number);
  const afterTo = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  const end = afterTo.slice(0, 8) + '01';
  return [first, end > first ? end : first];
}

/** The first day of the month after the month of `day` (YYYY-MM-DD). */
export function monthAfter(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
