import { THRESHOLD_RULES, requiredYes, tally, thresholdFor, type Vote } from './council';

const votes = (yes: number, no = 0, abstain = 0): Vote[] => [
  ...Array<Vote>(yes).fill('YES'),
  ...Array<Vote>(no).fill('NO'),
  ...Array<Vote>(abstain).fill('ABSTAIN'),
];

describe('council thresholds', () => {
  it('CSTĐ cấp tỉnh and toàn quốc need 90% of all members by secret ballot (Decree 91 Art. 45(8))', () => {
    for (const award of ['CHIEN_SI_THI_DUA_TINH', 'CHIEN_SI_THI_DUA_TOAN_QUOC']) {
      const rule = thresholdFor(award);
      expect(rule).toMatchObject({ percent: 90, secretBallot: true, status: 'legacy' });
      expect(rule.legalBasis).toMatch(/Điều 45/);
    }
    const rule = thresholdFor('CHIEN_SI_THI_DUA_TINH');
    // 90% of 20 is 18; of 5 it is 4.5, so 5.
    expect(tally(votes(18, 2), 20, rule).passed).toBe(true);
    expect(tally(votes(17, 3), 20, rule).passed).toBe(false);
    expect(tally(votes(5), 5, rule)).toMatchObject({ passed: true, required: 5 });
    expect(tally(votes(4, 0, 1), 5, rule)).toMatchObject({ passed: false, required: 5, abstain: 1 });
  });

  it('counts absent members who did not vote against the threshold', () => {
    const rule = thresholdFor('CHIEN_SI_THI_DUA_TINH');
    expect(tally(votes(18), 21, rule)).toMatchObject({ passed: false, notVoted: 3, required: 19 });
  });

  it('elsewhere the unverified default is more than half of all members, and is configurable', () => {
    const rule = thresholdFor('BANG_KHEN_CHU_TICH_TINH');
    expect(rule).toMatchObject({ code: 'DEFAULT_MAJORITY', status: 'unverified', secretBallot: false });
    expect(requiredYes(rule, 10)).toBe(6);
    expect(requiredYes(rule, 5)).toBe(3);
    expect(tally(votes(3, 2), 5, rule).passed).toBe(true);
    expect(tally(votes(5, 5), 10, rule).passed).toBe(false);
    const twoThirds = thresholdFor('GIAY_KHEN', THRESHOLD_RULES, 66);
    expect(requiredYes(twoThirds, 3)).toBe(2);
    expect(requiredYes(twoThirds, 6)).toBe(4);
  });

  it('a council without members passes nothing', () => {
    expect(tally([], 0, thresholdFor('GIAY_KHEN')).passed).toBe(false);
  });
});
