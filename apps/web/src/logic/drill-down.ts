/**
 * The dashboards' drill-downs: a figure on a chart becomes the GET /dossiers filters that select the dossiers
 * it counted, carried in the list page's URL. Pure, so that the mapping is unit-tested.
 */
export const DRILL_DOWN_KEYS = [
  'overdue',
  'orgUnit',
  'stage',
  'origin',
  'throughStage',
  'throughOrgUnit',
  'event',
  'from',
  'to',
] as const;
export type DrillDownKey = (typeof DRILL_DOWN_KEYS)[number];

/** The list page's address for these filters (empty values left out). */
export function listUrl(filters: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return `/dossiers?${q.toString()}`;
}

/** A throughput bucket ('YYYY-MM-01', as the API labels months) as the first and last day of its month. */
export function monthRange(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: period, to: `${period.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** The drill-down filters present in the list page's query string; unknown keys are not passed on. */
export function drillDownFrom(params: URLSearchParams): Partial<Record<DrillDownKey, string>> {
  const out: Partial<Record<DrillDownKey, string>> = {};
  for (const k of DRILL_DOWN_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

/** A heatmap cell's background, white to light red with the value; light enough for dark text at any value. */
export function heat(value: number, max: number): string {
  const f = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * f);
  return `rgb(255, ${mix(255, 163)}, ${mix(255, 158)})`;
}
