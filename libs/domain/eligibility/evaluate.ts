import type { NomineeKind } from '../org';
import type { Criterion, CriterionRule } from './criteria';
import { RATING_RANK, SCOPE_RANK, type NomineeRecord, type RecordInitiative } from './record';

export interface EvaluationContext {
  /** The day the dossier is judged (its submission), YYYY-MM-DD: picks the criteria in force. */
  asOf: string;
  /** The year whose achievements are nominated (năm xét). */
  achievementYear: number;
  dossierId: string;
  /** The initiatives this dossier relies on (by code). */
  initiativeCodes: string[];
}

export interface CriterionResult {
  code: string;
  description: string;
  legalBasis: string;
  hard: boolean;
  met: boolean;
  /** Why, in terms of the record: shown to the clerk and the reviewer. */
  detail: string;
}

export interface EligibilityResult {
  eligible: boolean;
  results: CriterionResult[];
  unmetHard: CriterionResult[];
  warnings: CriterionResult[];
}

export function criteriaInForce(
  criteria: readonly Criterion[],
  awardCode: string,
  kind: NomineeKind,
  asOf: string,
): Criterion[] {
  return criteria.filter(
    (c) =>
      (c.awardCode === '*' || c.awardCode === awardCode) &&
      (!c.nomineeKind || c.nomineeKind === kind) &&
      c.effectiveFrom <= asOf &&
      (c.effectiveTo === null || asOf < c.effectiveTo),
  );
}

/** Pure: the criteria of `awardCode` in force on `ctx.asOf`, each checked against the record. */
export function evaluate(
  criteria: readonly Criterion[],
  awardCode: string,
  record: NomineeRecord,
  ctx: EvaluationContext,
): EligibilityResult {
  const results = criteriaInForce(criteria, awardCode, record.kind, ctx.asOf).map((c): CriterionResult => {
    const { met, detail } = check(c.rule, record, ctx);
    return { code: c.code, description: c.description, legalBasis: c.legalBasis, hard: c.hard, met, detail };
  });
  const unmetHard = results.filter((r) => r.hard && !r.met);
  return { eligible: unmetHard.length === 0, results, unmetHard, warnings: results.filter((r) => !r.hard && !r.met) };
}

interface Check {
  met: boolean;
  detail: string;
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1)}-${pad(d)}`;
}

const awardYears = (r: NomineeRecord, code: string) =>
  new Set(r.awards.filter((a) => a.awardCode === code).map((a) => a.year));

/** The claimed initiatives this dossier may still use: in the record and not used by another dossier. */
function usableInitiatives(r: NomineeRecord, ctx: EvaluationContext): RecordInitiative[] {
  return r.initiatives.filter(
    (i) => ctx.initiativeCodes.includes(i.code) && (i.usedByDossierId === null || i.usedByDossierId === ctx.dossierId),
  );
}

function check(rule: CriterionRule, r: NomineeRecord, ctx: EvaluationContext): Check {
  const Y = ctx.achievementYear;
  switch (rule.kind) {
    case 'NO_RESTRICTION': {
      const active = r.restrictions.filter((x) => x.from <= ctx.asOf && (x.to === null || x.to >= ctx.asOf));
      return active.length === 0
        ? { met: true, detail: 'không có kỷ luật / điều tra đang có hiệu lực' }
        : { met: false, detail: active.map((x) => `${x.kind} từ ${x.from}${x.to ? ` đến ${x.to}` : ''}`).join('; ') };
    }
    case 'MIN_SERVICE_MONTHS': {
      if (!r.serviceStartDate) return { met: false, detail: 'hồ sơ chưa có ngày tuyển dụng' };
      const yearEnd = `${Y}-12-31`;
      const enough = addMonths(r.serviceStartDate, rule.months) <= yearEnd;
      return {
        met: enough,
        detail: `tuyển dụng ngày ${r.serviceStartDate}; cần trước ${rule.months} tháng tính đến ${yearEnd}`,
      };
    }
    case 'HOLDS_AWARD_IN_YEAR': {
      const met = awardYears(r, rule.awardCode).has(Y);
      return { met, detail: met ? `có ${rule.awardCode} năm ${Y}` : `chưa có ${rule.awardCode} năm ${Y}` };
    }
    case 'RATING_OR_INITIATIVE': {
      const rating = r.ratings.find((x) => x.year === Y)?.rating;
      const ratingOk = rating !== undefined && RATING_RANK[rating] >= RATING_RANK[rule.rating];
      const initiatives = usableInitiatives(r, ctx).filter((i) => SCOPE_RANK[i.scope] >= SCOPE_RANK[rule.scope]);
      const met = ratingOk || initiatives.length >= rule.initiatives;
      return { met, detail: `xếp loại năm ${Y}: ${rating ?? 'chưa có'}; sáng kiến dùng được: ${initiatives.length}` };
    }
    case 'CONSECUTIVE_AWARDS': {
      const years = awardYears(r, rule.awardCode);
      for (let last = Y; last >= Y - rule.latestWithinYears; last--) {
        let run = 0;
        while (run < rule.count && years.has(last - run)) run++;
        if (run === rule.count) {
          return {
            met: true,
            detail: `${rule.count} lần liên tục ${rule.awardCode} (${last - rule.count + 1}–${last})`,
          };
        }
      }
      const listed = [...years].sort().join(', ') || 'không có';
      return { met: false, detail: `cần ${rule.count} lần liên tục ${rule.awardCode} đến năm ${Y}; có: ${listed}` };
    }
    case 'HAS_INITIATIVES': {
      const n = usableInitiatives(r, ctx).filter((i) => SCOPE_RANK[i.scope] >= SCOPE_RANK[rule.scope]).length;
      return { met: n >= rule.count, detail: `cần ${rule.count} sáng kiến phạm vi ${rule.scope} trở lên; có ${n}` };
    }
    case 'CONSECUTIVE_RATINGS': {
      const short: number[] = [];
      for (let y = Y - rule.years + 1; y <= Y; y++) {
        const rating = r.ratings.find((x) => x.year === y)?.rating;
        if (!rating || RATING_RANK[rating] < RATING_RANK[rule.rating]) short.push(y);
      }
      return {
        met: short.length === 0,
        detail: short.length
          ? `chưa đạt ${rule.rating} các năm ${short.join(', ')}`
          : `${rule.years} năm liên tục ${rule.rating}`,
      };
    }
    case 'AFTER_AWARD_SERVICE': {
      const first = Y - rule.years + 1;
      const prior = [...awardYears(r, rule.prerequisite)].filter((y) => y < first);
      if (prior.length === 0) {
        return { met: false, detail: `chưa có ${rule.prerequisite} trước năm ${first}` };
      }
      const problems: string[] = [];
      let excellent = 0;
      let cstd = 0;
      const cstdYears = awardYears(r, 'CHIEN_SI_THI_DUA_CO_SO');
      for (let y = first; y <= Y; y++) {
        const rating = r.ratings.find((x) => x.year === y)?.rating;
        if (!rating || RATING_RANK[rating] < RATING_RANK[rule.minRating])
          problems.push(`năm ${y} chưa đạt ${rule.minRating}`);
        if (rating === 'HOAN_THANH_XUAT_SAC') excellent++;
        if (cstdYears.has(y)) cstd++;
      }
      if (excellent < rule.excellentYears) problems.push(`${excellent}/${rule.excellentYears} năm hoàn thành xuất sắc`);
      if (cstd < rule.cstdCoSoYears) problems.push(`${cstd}/${rule.cstdCoSoYears} lần CSTĐ cơ sở`);
      return {
        met: problems.length === 0,
        detail: problems.length
          ? problems.join('; ')
          : `${rule.prerequisite} năm ${Math.max(...prior)}, rồi ${rule.years} năm ${first}–${Y} đạt yêu cầu`,
      };
    }
    case 'COLLECTIVE_YEAR': {
      const y = r.collectiveYears.find((x) => x.year === Y);
      if (!y || y.memberCount <= 0) return { met: false, detail: `chưa có kết quả năm ${Y} của tập thể` };
      const problems: string[] = [];
      if (y.completedCount * 100 < rule.minCompletedPercent * y.memberCount) {
        problems.push(`${y.completedCount}/${y.memberCount} hoàn thành nhiệm vụ (cần ${rule.minCompletedPercent}%)`);
      }
      const ldtt = y.laoDongTienTienCount * 100;
      const bar = rule.minLaoDongTienTienPercent * y.memberCount;
      if (rule.laoDongTienTienStrict ? ldtt <= bar : ldtt < bar) {
        problems.push(
          `${y.laoDongTienTienCount}/${y.memberCount} Lao động tiên tiến (cần ${rule.laoDongTienTienStrict ? 'trên' : 'ít nhất'} ${rule.minLaoDongTienTienPercent}%)`,
        );
      }
      if (y.cstdCoSoCount < rule.minCstdCoSo) problems.push(`${y.cstdCoSoCount} CSTĐ cơ sở (cần ${rule.minCstdCoSo})`);
      if (rule.noneDisciplined && y.disciplinedCount > 0) problems.push(`${y.disciplinedCount} thành viên bị kỷ luật`);
      return { met: problems.length === 0, detail: problems.join('; ') || `kết quả năm ${Y} đạt yêu cầu` };
    }
    case 'INITIATIVES_UNUSED': {
      const problems = ctx.initiativeCodes.flatMap((code) => {
        const i = r.initiatives.find((x) => x.code === code);
        if (!i) return [`sáng kiến ${code} không có trong hồ sơ cá nhân`];
        if (i.usedByDossierId !== null && i.usedByDossierId !== ctx.dossierId) {
          return [`sáng kiến ${code} đã dùng cho hồ sơ ${i.usedByDossierId}`];
        }
        return [];
      });
      return { met: problems.length === 0, detail: problems.join('; ') || 'các sáng kiến chưa dùng cho hồ sơ khác' };
    }
    case 'ANY_OF': {
      const parts = rule.alternatives.map((a) => ({ label: a.label, ...check(a.rule, r, ctx) }));
      const hit = parts.find((p) => p.met);
      return hit
        ? { met: true, detail: `${hit.label}: ${hit.detail}` }
        : { met: false, detail: parts.map((p) => `${p.label}: ${p.detail}`).join(' | ') };
    }
    case 'ALL_OF': {
      const parts = rule.parts.map((a) => ({ label: a.label, ...check(a.rule, r, ctx) }));
      return { met: parts.every((p) => p.met), detail: parts.map((p) => `${p.label}: ${p.detail}`).join('; ') };
    }
  }
}
