/**
 * Council votes (Hội đồng Thi đua – Khen thưởng): the threshold each award needs, as data with its legal
 * basis, and the tally. Thresholds count over ALL members of the council, present or not: absent members
 * vote in writing, and a member who does not vote is not a yes.
 */
export const VOTES = ['YES', 'NO', 'ABSTAIN'] as const;
export type Vote = (typeof VOTES)[number];

export interface ThresholdRule {
  code: string;
  /** The awards it applies to; '*' is the default for every other award. */
  awardCodes: readonly string[] | '*';
  /** Yes votes needed, in percent of all members. */
  percent: number;
  /** true: strictly more than `percent` ("quá bán"); false: at least `percent`. */
  strict: boolean;
  secretBallot: boolean;
  legalBasis: string;
  status: 'law' | 'legacy' | 'unverified';
}

export const THRESHOLD_RULES: readonly ThresholdRule[] = [
  {
    code: 'SECRET_BALLOT_90_PERCENT',
    awardCodes: ['CHIEN_SI_THI_DUA_TINH', 'CHIEN_SI_THI_DUA_TOAN_QUOC'],
    percent: 90,
    strict: false,
    secretBallot: true,
    legalBasis:
      'Nghị định 91/2017/NĐ-CP Điều 45 khoản 8: bỏ phiếu kín, đạt từ 90% trở lên trên tổng số thành viên Hội đồng',
    status: 'legacy',
  },
  {
    code: 'DEFAULT_MAJORITY',
    awardCodes: '*',
    percent: 50,
    strict: true,
    secretBallot: false,
    legalBasis: 'Mặc định cấu hình được: quá bán tổng số thành viên Hội đồng (chưa xác minh)',
    status: 'unverified',
  },
];

/** The rule for an award; `defaultPercent` overrides the unverified default's percentage (configuration). */
export function thresholdFor(
  awardCode: string,
  rules: readonly ThresholdRule[] = THRESHOLD_RULES,
  defaultPercent?: number,
): ThresholdRule {
  const specific = rules.find((r) => r.awardCodes !== '*' && r.awardCodes.includes(awardCode));
  if (specific) return specific;
  const fallback = rules.find((r) => r.awardCodes === '*');
  if (!fallback) throw new Error('no default council threshold rule');
  return defaultPercent === undefined ? fallback : { ...fallback, percent: defaultPercent };
}

/** Yes votes needed out of `members`. Integer arithmetic, so 90% of 5 is 5 (4.5 rounded up), never 4. */
export function requiredYes(rule: Pick<ThresholdRule, 'percent' | 'strict'>, members: number): number {
  const scaled = rule.percent * members;
  return rule.strict ? Math.floor(scaled / 100) + 1 : Math.floor((scaled + 99) / 100);
}

export interface Tally {
  members: number;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  required: number;
  passed: boolean;
}

export function tally(votes: readonly Vote[], members: number, rule: ThresholdRule): Tally {
  const count = (v: Vote) => votes.filter((x) => x === v).length;
  const yes = count('YES');
  const required = requiredYes(rule, members);
  return {
    members,
    yes,
    no: count('NO'),
    abstain: count('ABSTAIN'),
    notVoted: members - votes.length,
    required,
    passed: members > 0 && yes >= required,
  };
}
