/**
 * Quotas (chỉ tiêu) per campaign and org unit: e.g. Chiến sĩ thi đua cơ sở capped at 15% of the Lao động
 * tiên tiến of the same campaign (FACTS: unverified, so configurable and off unless set). A quota has a cap
 * as a count, as a percentage of a basis award's count, or both (the smaller wins).
 */
export interface Quota {
  campaignCode: string;
  orgUnitCode: string;
  awardCode: string;
  maxCount: number | null;
  maxPercent: number | null;
  basisAwardCode: string | null;
  legalBasis: string;
}

/** How many more may pass: the cap minus what has already passed; null when no cap applies. */
export function remaining(quota: Quota, counts: { used: number; basis: number }): number {
  const caps: number[] = [];
  if (quota.maxCount !== null) caps.push(quota.maxCount);
  // Integer arithmetic: 15% of 20 is 3, of 19 it is 2 (2.85 rounded down, a cap is never exceeded).
  if (quota.maxPercent !== null && quota.basisAwardCode) caps.push(Math.floor((quota.maxPercent * counts.basis) / 100));
  if (!caps.length) return Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(...caps) - counts.used);
}

export function describeQuota(q: Quota): string {
  const parts = [
    q.maxCount !== null ? `tối đa ${q.maxCount}` : '',
    q.maxPercent !== null && q.basisAwardCode ? `tối đa ${q.maxPercent}% số ${q.basisAwardCode}` : '',
  ].filter(Boolean);
  return `chỉ tiêu ${q.awardCode} của ${q.orgUnitCode} trong đợt ${q.campaignCode}: ${parts.join(', ')} (${q.legalBasis})`;
}
