import { CRITERIA } from './criteria';
import { criteriaInForce, evaluate, type EvaluationContext } from './evaluate';
import { emptyRecord, type NomineeRecord, type Rating } from './record';

const Y = 2025;
const ctx: EvaluationContext = { asOf: '2025-12-15', achievementYear: Y, dossierId: 'd-1', initiativeCodes: [] };

const person = (over: Partial<NomineeRecord> = {}): NomineeRecord => ({ ...emptyRecord('INDIVIDUAL'), ...over });
const collective = (over: Partial<NomineeRecord> = {}): NomineeRecord => ({ ...emptyRecord('COLLECTIVE'), ...over });
const awards = (code: string, ...years: number[]) => years.map((year) => ({ awardCode: code, year }));
const ratings = (rating: Rating, ...years: number[]) => years.map((year) => ({ year, rating }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const initiative = (code: string, scope: 'BASE' | 'PROVINCE' | 'NATIONAL', usedByDossierId: string | null = null) => ({
  code,
  year: Y,
  scope,
  usedByDossierId,
});
const yearOf = (memberCount: number, over: Partial<NomineeRecord['collectiveYears'][number]>) => ({
  year: Y,
  memberCount,
  completedCount: memberCount,
  laoDongTienTienCount: 0,
  cstdCoSoCount: 0,
  disciplinedCount: 0,
  ...over,
});

interface Case {
  criterion: string;
  award: string;
  name: string;
  record: NomineeRecord;
  ctx?: Partial<EvaluationContext>;
}

/** For every criterion: a record that just meets it and one that just misses it. */
const CASES: { meets: Case[]; misses: Case[] } = {
  meets: [
    {
      criterion: 'NO_DISCIPLINE_OR_INVESTIGATION',
      award: 'GIAY_KHEN',
      name: 'discipline ended the day before',
      record: person({ restrictions: [{ kind: 'DISCIPLINE', from: '2024-01-01', to: '2025-12-14' }] }),
    },
    {
      criterion: 'INITIATIVE_USED_ONCE',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'the claimed initiative is used by this same dossier',
      record: person({ initiatives: [initiative('SK-1', 'BASE', 'd-1')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'LDTT_SERVICE_6_MONTHS',
      award: 'LAO_DONG_TIEN_TIEN',
      name: 'recruited exactly 6 months before the year ends',
      record: person({ serviceStartDate: '2025-06-30' }),
    },
    {
      criterion: 'CSTD_CO_SO_HOLDS_LDTT',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'Lao động tiên tiến in the year',
      record: person({ awards: awards('LAO_DONG_TIEN_TIEN', Y) }),
    },
    {
      criterion: 'CSTD_CO_SO_EXCELLENT_OR_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'rated hoàn thành xuất sắc, no initiative',
      record: person({ ratings: ratings('HOAN_THANH_XUAT_SAC', Y) }),
    },
    {
      criterion: 'CSTD_CO_SO_EXCELLENT_OR_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'rated hoàn thành tốt, with one initiative',
      record: person({ ratings: ratings('HOAN_THANH_TOT', Y), initiatives: [initiative('SK-1', 'BASE')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'CSTD_TINH_3_CSTD_CO_SO',
      award: 'CHIEN_SI_THI_DUA_TINH',
      name: 'CSTĐ cơ sở 2023–2025',
      record: person({ awards: awards('CHIEN_SI_THI_DUA_CO_SO', 2023, 2024, 2025) }),
    },
    {
      criterion: 'CSTD_TINH_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_TINH',
      name: 'one provincial initiative',
      record: person({ initiatives: [initiative('SK-1', 'PROVINCE')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'CSTD_TOAN_QUOC_2_CSTD_TINH',
      award: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
      name: 'CSTĐ cấp tỉnh 2023 and 2024, proposed the year after',
      record: person({ awards: awards('CHIEN_SI_THI_DUA_TINH', 2023, 2024) }),
    },
    {
      criterion: 'CSTD_TOAN_QUOC_NATIONAL_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
      name: 'one nationwide initiative',
      record: person({ initiatives: [initiative('SK-1', 'NATIONAL')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'BANG_KHEN_TINH_RECORD',
      award: 'BANG_KHEN_CHU_TICH_TINH',
      name: 'CSTĐ cơ sở 2024 and 2025',
      record: person({ awards: awards('CHIEN_SI_THI_DUA_CO_SO', 2024, 2025) }),
    },
    {
      criterion: 'BANG_KHEN_TINH_RECORD',
      award: 'BANG_KHEN_CHU_TICH_TINH',
      name: '2 years hoàn thành xuất sắc and 2 initiatives',
      record: person({
        ratings: ratings('HOAN_THANH_XUAT_SAC', 2024, 2025),
        initiatives: [initiative('SK-1', 'BASE'), initiative('SK-2', 'BASE')],
      }),
      ctx: { initiativeCodes: ['SK-1', 'SK-2'] },
    },
    {
      criterion: 'BANG_KHEN_THU_TUONG_RECORD',
      award: 'BANG_KHEN_THU_TUONG',
      name: 'Bằng khen tỉnh 2020, then 2021–2025 hoàn thành tốt with CSTĐ cơ sở 2021, 2023, 2025',
      record: person({
        awards: [...awards('BANG_KHEN_CHU_TICH_TINH', 2020), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2021, 2023, 2025)],
        ratings: ratings('HOAN_THANH_TOT', ...range(2021, 2025)),
      }),
    },
    {
      criterion: 'HCLD_HANG_BA_RECORD',
      award: 'HUAN_CHUONG_LAO_DONG_HANG_BA',
      name: 'Bằng khen Thủ tướng 2020, then 5 years with one xuất sắc and 3 CSTĐ cơ sở',
      record: person({
        awards: [...awards('BANG_KHEN_THU_TUONG', 2020), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2022, 2023, 2024)],
        ratings: [...ratings('HOAN_THANH_TOT', 2021, 2022, 2023, 2024), ...ratings('HOAN_THANH_XUAT_SAC', 2025)],
      }),
    },
    {
      criterion: 'TTLDTT_MEMBERS',
      award: 'TAP_THE_LAO_DONG_TIEN_TIEN',
      name: '6 of 10 members Lao động tiên tiến',
      record: collective({ collectiveYears: [yearOf(10, { laoDongTienTienCount: 6 })] }),
    },
    {
      criterion: 'TTLDXS_MEMBERS',
      award: 'TAP_THE_LAO_DONG_XUAT_SAC',
      name: 'all complete, 7 of 10 Lao động tiên tiến, 1 CSTĐ cơ sở',
      record: collective({ collectiveYears: [yearOf(10, { laoDongTienTienCount: 7, cstdCoSoCount: 1 })] }),
    },
  ],
  misses: [
    {
      criterion: 'NO_DISCIPLINE_OR_INVESTIGATION',
      award: 'GIAY_KHEN',
      name: 'investigation still open',
      record: person({ restrictions: [{ kind: 'INVESTIGATION', from: '2025-12-15', to: null }] }),
    },
    {
      criterion: 'NO_DISCIPLINE_OR_INVESTIGATION',
      award: 'TAP_THE_LAO_DONG_TIEN_TIEN',
      name: 'a collective under discipline until the day',
      record: collective({ restrictions: [{ kind: 'DISCIPLINE', from: '2025-01-01', to: '2025-12-15' }] }),
    },
    {
      criterion: 'INITIATIVE_USED_ONCE',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'the claimed initiative already served another dossier',
      record: person({ initiatives: [initiative('SK-1', 'BASE', 'd-other')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'LDTT_SERVICE_6_MONTHS',
      award: 'LAO_DONG_TIEN_TIEN',
      name: 'recruited one day too late',
      record: person({ serviceStartDate: '2025-07-01' }),
    },
    {
      criterion: 'CSTD_CO_SO_HOLDS_LDTT',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'Lao động tiên tiến only the year before',
      record: person({ awards: awards('LAO_DONG_TIEN_TIEN', Y - 1) }),
    },
    {
      criterion: 'CSTD_CO_SO_EXCELLENT_OR_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_CO_SO',
      name: 'hoàn thành tốt and an initiative already used elsewhere',
      record: person({ ratings: ratings('HOAN_THANH_TOT', Y), initiatives: [initiative('SK-1', 'BASE', 'd-other')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'CSTD_TINH_3_CSTD_CO_SO',
      award: 'CHIEN_SI_THI_DUA_TINH',
      name: 'three CSTĐ cơ sở with a gap (2022, 2024, 2025)',
      record: person({ awards: awards('CHIEN_SI_THI_DUA_CO_SO', 2022, 2024, 2025) }),
    },
    {
      criterion: 'CSTD_TINH_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_TINH',
      name: 'only a base-level initiative',
      record: person({ initiatives: [initiative('SK-1', 'BASE')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'CSTD_TOAN_QUOC_2_CSTD_TINH',
      award: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
      name: 'CSTĐ cấp tỉnh 2021 and 2023, not consecutive',
      record: person({ awards: awards('CHIEN_SI_THI_DUA_TINH', 2021, 2023) }),
    },
    {
      criterion: 'CSTD_TOAN_QUOC_NATIONAL_INITIATIVE',
      award: 'CHIEN_SI_THI_DUA_TOAN_QUOC',
      name: 'only a provincial initiative',
      record: person({ initiatives: [initiative('SK-1', 'PROVINCE')] }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'BANG_KHEN_TINH_RECORD',
      award: 'BANG_KHEN_CHU_TICH_TINH',
      name: '2 years xuất sắc but one initiative, CSTĐ cơ sở only 2025',
      record: person({
        awards: awards('CHIEN_SI_THI_DUA_CO_SO', 2025),
        ratings: ratings('HOAN_THANH_XUAT_SAC', 2024, 2025),
        initiatives: [initiative('SK-1', 'BASE')],
      }),
      ctx: { initiativeCodes: ['SK-1'] },
    },
    {
      criterion: 'BANG_KHEN_THU_TUONG_RECORD',
      award: 'BANG_KHEN_THU_TUONG',
      name: 'as the meeting record but only 2 CSTĐ cơ sở',
      record: person({
        awards: [...awards('BANG_KHEN_CHU_TICH_TINH', 2020), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2021, 2023)],
        ratings: ratings('HOAN_THANH_TOT', ...range(2021, 2025)),
      }),
    },
    {
      criterion: 'BANG_KHEN_THU_TUONG_RECORD',
      award: 'BANG_KHEN_THU_TUONG',
      name: 'Bằng khen tỉnh in 2021, inside the 5 years',
      record: person({
        awards: [...awards('BANG_KHEN_CHU_TICH_TINH', 2021), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2021, 2023, 2025)],
        ratings: ratings('HOAN_THANH_TOT', ...range(2021, 2025)),
      }),
    },
    {
      criterion: 'BANG_KHEN_THU_TUONG_RECORD',
      award: 'BANG_KHEN_THU_TUONG',
      name: 'one year only hoàn thành',
      record: person({
        awards: [...awards('BANG_KHEN_CHU_TICH_TINH', 2020), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2021, 2023, 2025)],
        ratings: [...ratings('HOAN_THANH_TOT', 2021, 2022, 2023, 2025), ...ratings('HOAN_THANH', 2024)],
      }),
    },
    {
      criterion: 'HCLD_HANG_BA_RECORD',
      award: 'HUAN_CHUONG_LAO_DONG_HANG_BA',
      name: 'as the meeting record but no year xuất sắc',
      record: person({
        awards: [...awards('BANG_KHEN_THU_TUONG', 2020), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2022, 2023, 2024)],
        ratings: ratings('HOAN_THANH_TOT', ...range(2021, 2025)),
      }),
    },
    {
      criterion: 'TTLDTT_MEMBERS',
      award: 'TAP_THE_LAO_DONG_TIEN_TIEN',
      name: 'exactly 50% Lao động tiên tiến',
      record: collective({ collectiveYears: [yearOf(10, { laoDongTienTienCount: 5 })] }),
    },
    {
      criterion: 'TTLDTT_MEMBERS',
      award: 'TAP_THE_LAO_DONG_TIEN_TIEN',
      name: '6 of 10 but one member disciplined',
      record: collective({ collectiveYears: [yearOf(10, { laoDongTienTienCount: 6, disciplinedCount: 1 })] }),
    },
    {
      criterion: 'TTLDXS_MEMBERS',
      award: 'TAP_THE_LAO_DONG_XUAT_SAC',
      name: '69% Lao động tiên tiến',
      record: collective({ collectiveYears: [yearOf(100, { laoDongTienTienCount: 69, cstdCoSoCount: 1 })] }),
    },
    {
      criterion: 'TTLDXS_MEMBERS',
      award: 'TAP_THE_LAO_DONG_XUAT_SAC',
      name: 'one member did not complete the tasks',
      record: collective({
        collectiveYears: [yearOf(10, { completedCount: 9, laoDongTienTienCount: 7, cstdCoSoCount: 1 })],
      }),
    },
    {
      criterion: 'TTLDXS_MEMBERS',
      award: 'TAP_THE_LAO_DONG_XUAT_SAC',
      name: 'no CSTĐ cơ sở',
      record: collective({ collectiveYears: [yearOf(10, { laoDongTienTienCount: 7 })] }),
    },
  ],
};

function resultOf(c: Case) {
  const result = evaluate(CRITERIA, c.award, c.record, { ...ctx, ...c.ctx });
  const r = result.results.find((x) => x.code === c.criterion);
  if (!r) throw new Error(`${c.criterion} was not evaluated for ${c.award}`);
  return { result, r };
}

describe('eligibility criteria', () => {
  it.each(CASES.meets.map((c) => [c.criterion, c.name, c] as const))('%s is met: %s', (_code, _name, c) => {
    const { r } = resultOf(c);
    expect(r).toMatchObject({ met: true });
    expect(r.legalBasis).not.toBe('');
  });

  it.each(CASES.misses.map((c) => [c.criterion, c.name, c] as const))('%s is missed: %s', (_code, _name, c) => {
    const { result, r } = resultOf(c);
    expect(r.met).toBe(false);
    expect(r.detail).not.toBe('');
    // A missed hard criterion makes the nominee ineligible and is listed; a soft one is only a warning.
    if (r.hard) {
      expect(result.eligible).toBe(false);
      expect(result.unmetHard.map((x) => x.code)).toContain(c.criterion);
    } else {
      expect(result.warnings.map((x) => x.code)).toContain(c.criterion);
    }
  });

  it('every criterion has a just-meets and a just-misses case', () => {
    const codes = CRITERIA.map((c) => c.code).sort();
    expect([...new Set(CASES.meets.map((c) => c.criterion))].sort()).toEqual(codes);
    expect([...new Set(CASES.misses.map((c) => c.criterion))].sort()).toEqual(codes);
  });

  it('a full record for Bằng khen Thủ tướng is eligible; the criteria shown carry their legal basis', () => {
    const record = person({
      awards: [...awards('BANG_KHEN_CHU_TICH_TINH', 2019), ...awards('CHIEN_SI_THI_DUA_CO_SO', 2022, 2023, 2024)],
      ratings: ratings('HOAN_THANH_XUAT_SAC', ...range(2020, 2025)),
    });
    const result = evaluate(CRITERIA, 'BANG_KHEN_THU_TUONG', record, ctx);
    expect(result.eligible).toBe(true);
    expect(result.results.map((r) => r.code).sort()).toEqual(
      ['BANG_KHEN_THU_TUONG_RECORD', 'INITIATIVE_USED_ONCE', 'NO_DISCIPLINE_OR_INVESTIGATION'].sort(),
    );
    expect(result.results.find((r) => r.code === 'BANG_KHEN_THU_TUONG_RECORD')?.legalBasis).toMatch(/Điều 73/);
  });

  it('takes only the criteria in force on the day, and those for the nominee kind', () => {
    const shifted = CRITERIA.map((c) => (c.code === 'LDTT_SERVICE_6_MONTHS' ? { ...c, effectiveTo: '2025-12-15' } : c));
    expect(criteriaInForce(shifted, 'LAO_DONG_TIEN_TIEN', 'INDIVIDUAL', '2025-12-14').map((c) => c.code)).toContain(
      'LDTT_SERVICE_6_MONTHS',
    );
    expect(criteriaInForce(shifted, 'LAO_DONG_TIEN_TIEN', 'INDIVIDUAL', '2025-12-15').map((c) => c.code)).not.toContain(
      'LDTT_SERVICE_6_MONTHS',
    );
    expect(
      criteriaInForce(CRITERIA, 'BANG_KHEN_THU_TUONG', 'COLLECTIVE', '2025-12-15').map((c) => c.code),
    ).not.toContain('BANG_KHEN_THU_TUONG_RECORD');
  });
});
