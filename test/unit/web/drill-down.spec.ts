// The dashboards' drill-down addresses: what a chart's bar becomes as the list page's filters.
import { DRILL_DOWN_KEYS, drillDownFrom, heat, listUrl, monthRange } from '../../../apps/web/src/logic/drill-down';

describe('monthRange', () => {
  it.each([
    ['2026-11-01', '2026-11-30'],
    ['2026-12-01', '2026-12-31'],
    ['2028-02-01', '2028-02-29'],
    ['2026-02-01', '2026-02-28'],
  ])('%s runs to %s', (period, to) => {
    expect(monthRange(period)).toEqual({ from: period, to });
  });
});

describe('listUrl and drillDownFrom', () => {
  it('round-trip the filters through the address, leaving empty ones out', () => {
    const url = listUrl({ event: 'decided', from: '2026-11-01', to: '2026-11-30', origin: undefined, orgUnit: '' });
    expect(url).toBe('/dossiers?event=decided&from=2026-11-01&to=2026-11-30');
    expect(drillDownFrom(new URLSearchParams(url.split('?')[1]))).toEqual({
      event: 'decided',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('passes on only the filters GET /dossiers knows as drill-downs', () => {
    const params = new URLSearchParams('throughStage=COUNCIL&throughOrgUnit=lang-son&status=APPROVED&evil=1');
    expect(drillDownFrom(params)).toEqual({ throughStage: 'COUNCIL', throughOrgUnit: 'lang-son' });
    expect(DRILL_DOWN_KEYS).not.toContain('status');
  });
});

describe('heat', () => {
  it('runs from white at zero to the lightest red at the maximum, and never past it', () => {
    expect(heat(0, 10)).toBe('rgb(255, 255, 255)');
    expect(heat(10, 10)).toBe('rgb(255, 163, 158)');
    expect(heat(20, 10)).toBe('rgb(255, 163, 158)');
    expect(heat(5, 0)).toBe('rgb(255, 255, 255)');
    const [, g] = heat(5, 10).match(/rgb\(255, (\d+)/)!;
    expect(Number(g)).toBeGreaterThan(163);
    expect(Number(g)).toBeLessThan(255);
  });
});
