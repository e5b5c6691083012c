import type { NomineeKind } from '../org';
import type { InitiativeScope, Rating } from './record';

/**
 * Eligibility criteria (tiêu chuẩn) as data, each with its legal basis and the dates it is in force. A
 * dossier is judged by the criteria in force on the day it is submitted. `hard` criteria block submission;
 * soft ones are warnings for the reviewer (used where the source is legacy or unverified, see FACTS.md).
 */
export type CriterionRule =
  /** Nobody disciplined or under investigation on the day (Decree 98/152 Art. 4). */
  | { kind: 'NO_RESTRICTION' }
  /** Recruited at least `months` before the end of the achievement year. */
  | { kind: 'MIN_SERVICE_MONTHS'; months: number }
  /** Holds `awardCode` for the achievement year. */
  | { kind: 'HOLDS_AWARD_IN_YEAR'; awardCode: string }
  /** Rated at least `rating` in the achievement year, or has `initiatives` unused initiatives of at least `scope`. */
  | { kind: 'RATING_OR_INITIATIVE'; rating: Rating; initiatives: number; scope: InitiativeScope }
  /** `count` consecutive years of `awardCode`, the latest at most `latestWithinYears` years before the achievement year. */
  | { kind: 'CONSECUTIVE_AWARDS'; awardCode: string; count: number; latestWithinYears: number }
  /** At least `count` initiatives of at least `scope`, not used by another dossier. */
  | { kind: 'HAS_INITIATIVES'; count: number; scope: InitiativeScope }
  /** One of the alternatives holds. */
  | { kind: 'ANY_OF'; alternatives: { label: string; rule: CriterionRule }[] }
  /** Every part holds. */
  | { kind: 'ALL_OF'; parts: { label: string; rule: CriterionRule }[] }
  /** Rated at least `rating` in `years` consecutive years ending with the achievement year. */
  | { kind: 'CONSECUTIVE_RATINGS'; rating: Rating; years: number }
  /**
   * Holds `prerequisite`, then at least `years` consecutive years after it (ending with the achievement
   * year) rated at least `minRating`, of which `excellentYears` "hoàn thành xuất sắc" and `cstdCoSoYears`
   * with Chiến sĩ thi đua cơ sở.
   */
  | {
      kind: 'AFTER_AWARD_SERVICE';
      prerequisite: string;
      years: number;
      minRating: Rating;
      excellentYears: number;
      cstdCoSoYears: number;
    }
  /** A collective's achievement year: shares of members (percent), a minimum of CSTĐ cơ sở, nobody disciplined. */
  | {
      kind: 'COLLECTIVE_YEAR';
      minCompletedPercent: number;
      minLaoDongTienTienPercent: number;
      /** true: strictly more than the percentage ("over 50%"). */
      laoDongTienTienStrict: boolean;
      minCstdCoSo: number;
      noneDisciplined: boolean;
    }
  /** The initiatives this dossier claims are not used by another dossier (FACTS: one award per initiative). */
  | { kind: 'INITIATIVES_UNUSED' };

export interface Criterion {
  code: string;
  /** The award it applies to; '*' for every award. */
  awardCode: string;
  nomineeKind?: NomineeKind;
  hard: boolean;
  description: string;
  legalBasis: string;
  /** YYYY-MM-DD, inclusive */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null while in force */
  effectiveTo: string | null;
  rule: CriterionRule;
}

const LAW_2022 = '2024-01-01';

export const CRITERIA: readonly Criterion[] = [
  {
    code: 'NO_DISCIPLINE_OR_INVESTIGATION',
    awardCode: '*',
    hard: true,
    description: 'Không đang bị kỷ luật, điều tra, thanh tra hoặc xem xét xử lý',
    legalBasis: 'Nghị định 98/2023/NĐ-CP Điều 4; Nghị định 152/2025/NĐ-CP Điều 4',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'NO_RESTRICTION' },
  },
  {
    code: 'INITIATIVE_USED_ONCE',
    awardCode: '*',
    hard: true,
    description: 'Mỗi sáng kiến chỉ được dùng cho một hình thức khen thưởng',
    legalBasis: 'Luật TĐKT 2022 Điều 84; Nghị định 98/2023/NĐ-CP Điều 4',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'INITIATIVES_UNUSED' },
  },
  {
    code: 'LDTT_SERVICE_6_MONTHS',
    awardCode: 'LAO_DONG_TIEN_TIEN',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: 'Không xét người mới tuyển dụng dưới 06 tháng',
    legalBasis: 'Thông tư 01/2024/TT-BNV',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'MIN_SERVICE_MONTHS', months: 6 },
  },
  {
    code: 'CSTD_CO_SO_HOLDS_LDTT',
    awardCode: 'CHIEN_SI_THI_DUA_CO_SO',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: 'Đạt danh hiệu Lao động tiên tiến trong năm',
    legalBasis: 'Luật TĐKT 2022 Điều 23',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'HOLDS_AWARD_IN_YEAR', awardCode: 'LAO_DONG_TIEN_TIEN' },
  },
  {
    code: 'CSTD_CO_SO_EXCELLENT_OR_INITIATIVE',
    awardCode: 'CHIEN_SI_THI_DUA_CO_SO',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: 'Hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận',
    legalBasis: 'Luật TĐKT 2022 Điều 23',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'RATING_OR_INITIATIVE', rating: 'HOAN_THANH_XUAT_SAC', initiatives: 1, scope: 'BASE' },
  },
  {
    code: 'CSTD_TINH_3_CSTD_CO_SO',
    awardCode: 'CHIEN_SI_THI_DUA_TINH',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: '03 lần liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở',
    legalBasis: 'Luật TĐKT 2022 Điều 22 (theo cách viết của Nghị định 91/2017/NĐ-CP)',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'CONSECUTIVE_AWARDS', awardCode: 'CHIEN_SI_THI_DUA_CO_SO', count: 3, latestWithinYears: 0 },
  },
  {
    // FACTS marks the wording as Decree 91's, to be checked against Law Art. 22: a warning, not a block.
    code: 'CSTD_TINH_INITIATIVE',
    awardCode: 'CHIEN_SI_THI_DUA_TINH',
    nomineeKind: 'INDIVIDUAL',
    hard: false,
    description: 'Có sáng kiến có phạm vi ảnh hưởng cấp tỉnh (chưa xác minh với Luật 2022 Điều 22)',
    legalBasis: 'Nghị định 91/2017/NĐ-CP (legacy); Luật TĐKT 2022 Điều 22 — chưa xác minh',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'HAS_INITIATIVES', count: 1, scope: 'PROVINCE' },
  },
  {
    code: 'CSTD_TOAN_QUOC_2_CSTD_TINH',
    awardCode: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: '02 lần liên tục đạt danh hiệu Chiến sĩ thi đua cấp tỉnh, đề nghị vào năm sau',
    legalBasis: 'Luật TĐKT 2022 Điều 21',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'CONSECUTIVE_AWARDS', awardCode: 'CHIEN_SI_THI_DUA_TINH', count: 2, latestWithinYears: 1 },
  },
  {
    code: 'CSTD_TOAN_QUOC_NATIONAL_INITIATIVE',
    awardCode: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description: 'Có sáng kiến có phạm vi ảnh hưởng toàn quốc',
    legalBasis: 'Luật TĐKT 2022 Điều 21',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: { kind: 'HAS_INITIATIVES', count: 1, scope: 'NATIONAL' },
  },
  {
    code: 'BANG_KHEN_TINH_RECORD',
    awardCode: 'BANG_KHEN_CHU_TICH_TINH',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description:
      '02 lần liên tục đạt Chiến sĩ thi đua cơ sở, hoặc 02 năm liên tục hoàn thành xuất sắc nhiệm vụ và có 02 sáng kiến',
    legalBasis: 'Luật TĐKT 2022 Điều 74 khoản 1 điểm d',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: {
      kind: 'ANY_OF',
      alternatives: [
        {
          label: '02 lần liên tục CSTĐ cơ sở',
          rule: { kind: 'CONSECUTIVE_AWARDS', awardCode: 'CHIEN_SI_THI_DUA_CO_SO', count: 2, latestWithinYears: 0 },
        },
        {
          label: '02 năm liên tục hoàn thành xuất sắc và 02 sáng kiến',
          rule: {
            kind: 'ALL_OF',
            parts: [
              {
                label: '02 năm liên tục hoàn thành xuất sắc',
                rule: { kind: 'CONSECUTIVE_RATINGS', rating: 'HOAN_THANH_XUAT_SAC', years: 2 },
              },
              { label: '02 sáng kiến', rule: { kind: 'HAS_INITIATIVES', count: 2, scope: 'BASE' } },
            ],
          },
        },
      ],
    },
  },
  {
    code: 'BANG_KHEN_THU_TUONG_RECORD',
    awardCode: 'BANG_KHEN_THU_TUONG',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description:
      'Đã được tặng Bằng khen cấp tỉnh, sau đó 05 năm liên tục hoàn thành tốt nhiệm vụ trở lên, trong đó có 03 lần Chiến sĩ thi đua cơ sở',
    legalBasis: 'Luật TĐKT 2022 Điều 73 khoản 1 điểm b',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: {
      kind: 'AFTER_AWARD_SERVICE',
      prerequisite: 'BANG_KHEN_CHU_TICH_TINH',
      years: 5,
      minRating: 'HOAN_THANH_TOT',
      excellentYears: 0,
      cstdCoSoYears: 3,
    },
  },
  {
    code: 'HCLD_HANG_BA_RECORD',
    awardCode: 'HUAN_CHUONG_LAO_DONG_HANG_BA',
    nomineeKind: 'INDIVIDUAL',
    hard: true,
    description:
      'Đã được tặng Bằng khen của Thủ tướng, sau đó 05 năm liên tục hoàn thành tốt nhiệm vụ trở lên, trong đó có 01 năm hoàn thành xuất sắc và 03 lần Chiến sĩ thi đua cơ sở',
    legalBasis: 'Luật TĐKT 2022 Điều 44 khoản 1 điểm e',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: {
      kind: 'AFTER_AWARD_SERVICE',
      prerequisite: 'BANG_KHEN_THU_TUONG',
      years: 5,
      minRating: 'HOAN_THANH_TOT',
      excellentYears: 1,
      cstdCoSoYears: 3,
    },
  },
  {
    code: 'TTLDTT_MEMBERS',
    awardCode: 'TAP_THE_LAO_DONG_TIEN_TIEN',
    nomineeKind: 'COLLECTIVE',
    hard: true,
    // Some bodies require ≥70%: a parameter, the older texts' >50% by default.
    description: 'Trên 50% thành viên đạt Lao động tiên tiến, không có thành viên bị kỷ luật',
    legalBasis: 'Văn bản cũ (Nghị định 91/2017/NĐ-CP) — legacy, cấu hình được',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: {
      kind: 'COLLECTIVE_YEAR',
      minCompletedPercent: 0,
      minLaoDongTienTienPercent: 50,
      laoDongTienTienStrict: true,
      minCstdCoSo: 0,
      noneDisciplined: true,
    },
  },
  {
    code: 'TTLDXS_MEMBERS',
    awardCode: 'TAP_THE_LAO_DONG_XUAT_SAC',
    nomineeKind: 'COLLECTIVE',
    hard: true,
    description:
      '100% thành viên hoàn thành nhiệm vụ, ít nhất 70% đạt Lao động tiên tiến, có ít nhất 01 Chiến sĩ thi đua cơ sở, không có thành viên bị kỷ luật',
    legalBasis: 'Văn bản cũ (Nghị định 91/2017/NĐ-CP) — legacy, cấu hình được',
    effectiveFrom: LAW_2022,
    effectiveTo: null,
    rule: {
      kind: 'COLLECTIVE_YEAR',
      minCompletedPercent: 100,
      minLaoDongTienTienPercent: 70,
      laoDongTienTienStrict: false,
      minCstdCoSo: 1,
      noneDisciplined: true,
    },
  },
];
