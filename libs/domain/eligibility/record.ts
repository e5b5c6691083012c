import type { NomineeKind } from '../org';

/**
 * A nominee's record as eligibility needs it: past awards, yearly performance ratings (xếp loại), initiatives
 * (sáng kiến), discipline / investigation periods and, for collectives, yearly results of their members.
 */
export const RATINGS = ['HOAN_THANH_XUAT_SAC', 'HOAN_THANH_TOT', 'HOAN_THANH', 'KHONG_HOAN_THANH'] as const;
export type Rating = (typeof RATINGS)[number];
/** Higher is better; "at least hoàn thành tốt" compares ranks. */
export const RATING_RANK: Record<Rating, number> = {
  HOAN_THANH_XUAT_SAC: 3,
  HOAN_THANH_TOT: 2,
  HOAN_THANH: 1,
  KHONG_HOAN_THANH: 0,
};

export const INITIATIVE_SCOPES = ['BASE', 'PROVINCE', 'NATIONAL'] as const;
export type InitiativeScope = (typeof INITIATIVE_SCOPES)[number];
export const SCOPE_RANK: Record<InitiativeScope, number> = { BASE: 0, PROVINCE: 1, NATIONAL: 2 };

export const RESTRICTION_KINDS = ['DISCIPLINE', 'INVESTIGATION'] as const;
export type RestrictionKind = (typeof RESTRICTION_KINDS)[number];

export interface RecordAward {
  awardCode: string;
  year: number;
}
export interface RecordRating {
  year: number;
  rating: Rating;
}
export interface RecordInitiative {
  code: string;
  year: number;
  scope: InitiativeScope;
  /** The dossier that used it; an initiative may serve one award only. */
  usedByDossierId: string | null;
}
export interface RecordRestriction {
  kind: RestrictionKind;
  /** YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM-DD, inclusive; null while it lasts */
  to: string | null;
}
/** A collective's year: how many members, how many completed their tasks, titles its members earned. */
export interface CollectiveYear {
  year: number;
  memberCount: number;
  completedCount: number;
  laoDongTienTienCount: number;
  cstdCoSoCount: number;
  disciplinedCount: number;
}

export interface NomineeRecord {
  kind: NomineeKind;
  /** Date of recruitment (YYYY-MM-DD), for the 6 months' service of Lao động tiên tiến. */
  serviceStartDate: string | null;
  awards: RecordAward[];
  ratings: RecordRating[];
  initiatives: RecordInitiative[];
  restrictions: RecordRestriction[];
  collectiveYears: CollectiveYear[];
}

export const emptyRecord = (kind: NomineeKind): NomineeRecord => ({
  kind,
  serviceStartDate: null,
  awards: [],
  ratings: [],
  initiatives: [],
  restrictions: [],
  collectiveYears: [],
});
