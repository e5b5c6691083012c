import { formatSection, latencyStats, percentile, ratio } from '../../../bench/support/report';

describe('benchmark figures', () => {
  test('nearest-rank percentiles of 1..100', () => {
    const sample = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sample, 50)).toBe(50);
    expect(percentile(sample, 95)).toBe(95);
    expect(percentile(sample, 99)).toBe(99);
    expect(percentile(sample, 100)).toBe(100);
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow(/empty/);
  });

  test('latency statistics do not depend on the order of the samples', () => {
    const stats = latencyStats([5, 1, 4, 2, 3]);
    expect(stats).toEqual({ n: 5, p50: 3, p95: 5, p99: 5, mean: 3, max: 5 });
  });

  test('a section prints each measurement with its baseline, ratio and whether the target is met', () => {
    const text = formatSection({
      benchmark: 'example',
      params: { n: 10 },
      measurements: [
        {
          name: 'throughput',
          unit: 'dossiers/s',
          engine: 30,
          baseline: 60,
          ratio: ratio(30, 60),
          target: 'ratio ≥ 0.6',
          met: false,
        },
        { name: 'rss', unit: 'MiB', engine: 200.5 },
        { name: 'p95', unit: 'ms', engine: 12.345 },
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('── example {"n":10}');
    expect(lines[3]).toMatch(/^throughput\s+30\s+60\s+0\.50\s+dossiers\/s\s+ratio ≥ 0\.6\s+NO$/);
    expect(lines[4]).toMatch(/^rss\s+201\s+MiB$/);
    expect(lines[5]).toMatch(/^p95\s+12\.35\s+ms$/);
  });
});
