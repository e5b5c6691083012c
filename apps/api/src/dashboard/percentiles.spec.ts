import { percentilesCont } from './dashboard.service';

/** percentile_cont as PostgreSQL defines it, over the sample written out value by value. */
function expanded(histogram: [number, number][], p: number): number | null {
  const values = histogram.flatMap(([v, n]) => Array.from({ length: Math.max(0, n) }, () => v)).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const position = p * (values.length - 1);
  const lo = values[Math.floor(position)];
  const hi = values[Math.ceil(position)];
  return lo + (hi - lo) * (position - Math.floor(position));
}

describe('percentilesCont', () => {
  it('equals percentile_cont over the written-out sample, for histograms in order or not, with empty buckets', () => {
    let seed = 42;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % k;
    };
    for (let trial = 0; trial < 500; trial++) {
      const values = [...new Set(Array.from({ length: 1 + random(12) }, () => random(60)))];
      let histogram: [number, number][] = values.map((v) => [v, random(5) === 0 ? 0 : 1 + random(30)]);
      // Half in ascending order with positive counts (the shape the SQL sends), half shuffled or with zeros.
      if (trial % 2 === 0) histogram = histogram.filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
      const ps = [0, 0.1, 0.5, 0.9, 1];
      expect(percentilesCont(histogram, ps)).toEqual(ps.map((p) => expanded(histogram, p)));
    }
  });

  it('is null for an empty sample', () => {
    expect(percentilesCont([], [0.5, 0.9])).toEqual([null, null]);
    expect(percentilesCont([[3, 0]], [0.5])).toEqual([null]);
  });
});
