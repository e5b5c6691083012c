import { AWARD_CATALOG } from './award-catalog';
import { computeRoute, RouteError, STAGE_ROLE, stagesAt } from './route';
import type { OrgNode } from './org';
import { DEMO_ORG_TREE, demoChain } from '../persistence/seed/demo-org-tree';

const award = (code: string) => {
  const found = AWARD_CATALOG.find((a) => a.code === code);
  if (!found) throw new Error(`no award ${code}`);
  return found;
};
const summary = (chainOf: string, code: string, kind: 'INDIVIDUAL' | 'COLLECTIVE' = 'INDIVIDUAL') =>
  computeRoute(demoChain(chainOf), award(code), kind).stages.map((s) => `${s.name}@${s.orgUnitCode}:${s.role}`);

describe('computeRoute', () => {
  it('takes a unit under a district through district, province and centre for a Prime Minister award', () => {
    expect(summary('xa-hoang-van-thu', 'BANG_KHEN_THU_TUONG')).toEqual([
      'UNIT_REVIEW@xa-hoang-van-thu:APPROVER',
      'APPRAISAL@van-lang:REVIEWER',
      'COUNCIL@van-lang:COUNCIL',
      'SUBMISSION@van-lang:APPROVER',
      'APPRAISAL@lang-son:REVIEWER',
      'COUNCIL@lang-son:COUNCIL',
      'SUBMISSION@lang-son:APPROVER',
      'APPRAISAL@trung-uong:REVIEWER',
      'DECISION@trung-uong:APPROVER',
    ]);
  });

  it('stops a Giấy khen at the district and a provincial award at the province', () => {
    expect(
      computeRoute(demoChain('xa-hoang-van-thu'), award('GIAY_KHEN'), 'INDIVIDUAL').levels.map((l) => l.orgUnitCode),
    ).toEqual(['xa-hoang-van-thu', 'van-lang']);
    const r = computeRoute(demoChain('xa-hoang-van-thu'), award('CHIEN_SI_THI_DUA_TINH'), 'INDIVIDUAL');
    expect(r.decidingOrgUnitCode).toBe('lang-son');
    expect(r.stages.at(-1)).toMatchObject({ name: 'DECISION', orgUnitCode: 'lang-son', level: 'PROVINCE' });
  });

  it('takes a unit under a provincial department through the department, skipping districts', () => {
    const r = computeRoute(demoChain('chi-cuc-bao-ve-moi-truong'), award('BANG_KHEN_CHU_TICH_TINH'), 'COLLECTIVE');
    expect(r.levels.map((l) => l.level)).toEqual(['UNIT', 'DEPARTMENT', 'PROVINCE']);
  });

  it('lets a unit decide its own grassroots titles, and a district decide for its own staff', () => {
    expect(summary('xa-hoang-van-thu', 'LAO_DONG_TIEN_TIEN')).toEqual(['DECISION@xa-hoang-van-thu:APPROVER']);
    expect(summary('van-lang', 'GIAY_KHEN')).toEqual([
      'APPRAISAL@van-lang:REVIEWER',
      'COUNCIL@van-lang:COUNCIL',
      'DECISION@van-lang:APPROVER',
    ]);
  });

  it('works on a two-tier tree too (commune straight under the province)', () => {
    const chain: OrgNode[] = [
      { code: 'xa-moi', name: 'Xã mới', level: 'COMMUNE' },
      { code: 'tinh', name: 'Tỉnh', level: 'PROVINCE' },
      { code: 'tw', name: 'Trung ương', level: 'CENTRAL' },
    ];
    expect(computeRoute(chain, award('GIAY_KHEN'), 'INDIVIDUAL').stages.map((s) => s.name)).toEqual([
      'APPRAISAL',
      'COUNCIL',
      'DECISION',
    ]);
    expect(computeRoute(chain, award('BANG_KHEN_CHU_TICH_TINH'), 'INDIVIDUAL').levels.map((l) => l.level)).toEqual([
      'COMMUNE',
      'PROVINCE',
    ]);
  });

  it('numbers stages in order and gives each its role', () => {
    const r = computeRoute(demoChain('xa-hoang-van-thu'), award('HUAN_CHUONG_LAO_DONG_HANG_BA'), 'COLLECTIVE');
    r.stages.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(s.role).toBe(STAGE_ROLE[s.name]);
    });
  });

  it('refuses a nominee kind the award does not take, and an award no org up the chain may decide', () => {
    expect(() => computeRoute(demoChain('xa-hoang-van-thu'), award('CO_THI_DUA_TINH'), 'INDIVIDUAL')).toThrow(
      expect.objectContaining({ code: 'NOMINEE_KIND_NOT_ACCEPTED' }),
    );
    expect(() => computeRoute(demoChain('lang-son'), award('LAO_DONG_TIEN_TIEN'), 'INDIVIDUAL')).toThrow(RouteError);
    expect(() => computeRoute([], award('GIAY_KHEN'), 'INDIVIDUAL')).toThrow(
      expect.objectContaining({ code: 'EMPTY_CHAIN' }),
    );
  });

  it('has a route from every demo org unit for every award its level can reach', () => {
    for (const org of DEMO_ORG_TREE) {
      for (const a of AWARD_CATALOG) {
        const chain = demoChain(org.code);
        if (!chain.some((o) => a.decidingLevels.includes(o.level))) continue;
        const r = computeRoute(chain, a, a.nomineeKinds[0]);
        expect(r.stages.at(-1)!.name).toBe('DECISION');
      }
    }
  });
});

describe('stagesAt', () => {
  it('gives the centre no council of its own for decisions', () => {
    expect(stagesAt('CENTRAL', false, true)).toEqual(['APPRAISAL', 'DECISION']);
  });
});

describe('award catalog', () => {
  it('has every award code the product promises, each with its legal basis and documents', () => {
    const codes = AWARD_CATALOG.map((a) => a.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'LAO_DONG_TIEN_TIEN',
        'CHIEN_SI_THI_DUA_CO_SO',
        'TAP_THE_LAO_DONG_TIEN_TIEN',
        'GIAY_KHEN',
        'BANG_KHEN_CHU_TICH_TINH',
        'CO_THI_DUA_TINH',
        'CHIEN_SI_THI_DUA_TINH',
        'TAP_THE_LAO_DONG_XUAT_SAC',
        'BANG_KHEN_THU_TUONG',
        'CO_THI_DUA_CHINH_PHU',
        'CHIEN_SI_THI_DUA_TOAN_QUOC',
        'HUAN_CHUONG_LAO_DONG_HANG_BA',
        'HUAN_CHUONG_LAO_DONG_HANG_NHI',
        'HUAN_CHUONG_LAO_DONG_HANG_NHAT',
      ]),
    );
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of AWARD_CATALOG) {
      expect(a.legalBasis).toMatch(/Luật TĐKT 2022/);
      expect(a.requiredDocuments.length).toBeGreaterThan(0);
      expect(a.decidingLevels.length).toBeGreaterThan(0);
    }
  });
});
