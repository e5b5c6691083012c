import { remaining, type Quota } from './quota';

const quota = (over: Partial<Quota>): Quota => ({
  campaignCode: 'TK-2025',
  orgUnitCode: 'van-lang',
  awardCode: 'CHIEN_SI_THI_DUA_CO_SO',
  maxCount: null,
  maxPercent: null,
  basisAwardCode: null,
  legalBasis: 'cấu hình',
  ...over,
});

describe('quotas', () => {
  it('15% of Lao động tiên tiến: 20 LĐTT allow 3 CSTĐ cơ sở, 19 allow 2', () => {
    const q = quota({ maxPercent: 15, basisAwardCode: 'LAO_DONG_TIEN_TIEN' });
    expect(remaining(q, { used: 0, basis: 20 })).toBe(3);
    expect(remaining(q, { used: 0, basis: 19 })).toBe(2);
    expect(remaining(q, { used: 2, basis: 20 })).toBe(1);
    expect(remaining(q, { used: 3, basis: 20 })).toBe(0);
    expect(remaining(q, { used: 5, basis: 20 })).toBe(0);
  });

  it('a count cap, and the smaller of two caps', () => {
    expect(remaining(quota({ maxCount: 1 }), { used: 0, basis: 0 })).toBe(1);
    expect(remaining(quota({ maxCount: 1 }), { used: 1, basis: 0 })).toBe(0);
    expect(
      remaining(quota({ maxCount: 5, maxPercent: 15, basisAwardCode: 'LAO_DONG_TIEN_TIEN' }), { used: 0, basis: 20 }),
    ).toBe(3);
  });

  it('no cap set means no limit', () => {
    expect(remaining(quota({}), { used: 100, basis: 0 })).toBe(Number.POSITIVE_INFINITY);
  });
});
