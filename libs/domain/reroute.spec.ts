import { AWARD_CATALOG } from './award-catalog';
import { computeRoute, type Route } from './route';
import { applyReroute, checkReroute, rerouteStageIndex, RerouteError } from './reroute';
import { createDossier, type DossierStatus } from './dossier-machine';
import type { OrgNode } from './org';
import { demoChain } from '../persistence/seed/demo-org-tree';

const award = (code: string) => AWARD_CATALOG.find((a) => a.code === code)!;
const routeOf = (chain: OrgNode[], code = 'BANG_KHEN_CHU_TICH_TINH'): Route =>
  computeRoute(chain, award(code), 'INDIVIDUAL');
const label = (route: Route, i: number) => `${route.stages[i].name}@${route.stages[i].orgUnitCode}`;
const at = (route: Route, name: string, org: string) =>
  route.stages.findIndex((s) => s.name === name && s.orgUnitCode === org);

// xa-hoang-van-thu → van-lang → lang-son → trung-uong
const before = routeOf(demoChain('xa-hoang-van-thu'));
// van-lang abolished: the commune reports to the province
const withoutDistrict = routeOf(demoChain('xa-hoang-van-thu').filter((o) => o.code !== 'van-lang'));
const from = (route: Route, name: string, org: string, status: DossierStatus = 'IN_PROGRESS') => ({
  route,
  stageIndex: at(route, name, org),
  status,
});

describe('rerouteStageIndex', () => {
  it('moves a dossier waiting at the council of an abolished district to the province’s appraisal', () => {
    const i = rerouteStageIndex(from(before, 'COUNCIL', 'van-lang'), withoutDistrict);
    expect(label(withoutDistrict, i)).toBe('APPRAISAL@lang-son');
  });

  it('moves every stage of the abolished district to the province’s first stage', () => {
    for (const name of ['APPRAISAL', 'COUNCIL', 'SUBMISSION']) {
      const i = rerouteStageIndex(from(before, name, 'van-lang'), withoutDistrict);
      expect(label(withoutDistrict, i)).toBe('APPRAISAL@lang-son');
    }
  });

  it('keeps the same stage at an org that is still on the route', () => {
    expect(label(withoutDistrict, rerouteStageIndex(from(before, 'COUNCIL', 'lang-son'), withoutDistrict))).toBe(
      'COUNCIL@lang-son',
    );
    expect(
      label(withoutDistrict, rerouteStageIndex(from(before, 'UNIT_REVIEW', 'xa-hoang-van-thu'), withoutDistrict)),
    ).toBe('UNIT_REVIEW@xa-hoang-van-thu');
  });

  it('follows a merge: the same stage at the org that replaced the merged one', () => {
    const merged: OrgNode[] = [
      { code: 'xa-hoang-van-thu', name: 'Xã', level: 'UNIT' },
      { code: 'van-lang', name: 'Huyện Văn Lãng', level: 'DISTRICT' },
      { code: 'lao-cai', name: 'Tỉnh Lào Cai', level: 'PROVINCE' },
      { code: 'trung-uong', name: 'TW', level: 'CENTRAL' },
    ];
    const next = routeOf(merged);
    const mapping = { 'lang-son': 'lao-cai' };
    expect(label(next, rerouteStageIndex(from(before, 'COUNCIL', 'lang-son'), next, mapping))).toBe('COUNCIL@lao-cai');
    expect(label(next, rerouteStageIndex(from(before, 'DECISION', 'lang-son'), next, mapping))).toBe(
      'DECISION@lao-cai',
    );
    // The district was not touched: its stage stays.
    expect(label(next, rerouteStageIndex(from(before, 'COUNCIL', 'van-lang'), next, mapping))).toBe('COUNCIL@van-lang');
  });

  it('takes the first stage at the replacing org when it has other stages there', () => {
    // A district merged into another that sits on the route only as the nominating org.
    const next = routeOf(demoChain('loc-binh'));
    const i = rerouteStageIndex(from(routeOf(demoChain('xa-hoang-van-thu')), 'SUBMISSION', 'van-lang'), next, {
      'van-lang': 'loc-binh',
    });
    expect(label(next, i)).toBe(`${next.stages[0].name}@loc-binh`);
  });

  it('maps the stage a returned dossier will re-enter, and starts a draft at the beginning', () => {
    const returned = rerouteStageIndex(from(before, 'COUNCIL', 'van-lang', 'RETURNED'), withoutDistrict);
    expect(label(withoutDistrict, returned)).toBe('APPRAISAL@lang-son');
    expect(rerouteStageIndex({ route: before, stageIndex: 0, status: 'DRAFT' }, withoutDistrict)).toBe(0);
  });

  it('refuses when no org of the new route takes over', () => {
    const elsewhere = routeOf(demoChain('loc-binh'), 'GIAY_KHEN');
    expect(() => rerouteStageIndex(from(before, 'COUNCIL', 'lang-son'), elsewhere)).toThrow(RerouteError);
  });
});

describe('checkReroute / applyReroute', () => {
  const admin = { username: 'admin', displayName: 'Admin', role: 'ADMIN' as const, orgUnitCode: 'trung-uong' };
  const newChain = ['xa-hoang-van-thu', 'lang-son', 'trung-uong'];
  const state = (status: DossierStatus = 'IN_PROGRESS') => {
    const created = createDossier(
      {
        dossierId: 'd1',
        awardCode: 'BANG_KHEN_CHU_TICH_TINH',
        awardName: 'Bằng khen',
        nominee: { kind: 'INDIVIDUAL', name: 'A' },
        achievementSummary: 'x',
        originOrgUnitCode: 'xa-hoang-van-thu',
        orgChain: ['xa-hoang-van-thu', 'van-lang', 'lang-son', 'trung-uong'],
        route: before,
        createdBy: admin,
      },
      new Date('2026-01-05T01:00:00Z'),
    ).state;
    created.status = status;
    created.stageIndex = at(before, 'COUNCIL', 'van-lang');
    return created;
  };
  const input = (reason = 'Sáp nhập') => ({
    actor: admin,
    route: withoutDistrict,
    orgChain: newChain,
    originOrgUnitCode: 'xa-hoang-van-thu',
    mapping: {},
    reason,
  });

  it('refuses terminal dossiers (409 first), non-ADMIN callers, a missing reason and a chain not at the origin', () => {
    expect(checkReroute(state('APPROVED'), { ...input(), actor: { ...admin, role: 'CLERK' } })?.code).toBe(
      'INVALID_STATE',
    );
    expect(checkReroute(state(), { ...input(), actor: { ...admin, role: 'CLERK' } })?.code).toBe('FORBIDDEN');
    expect(checkReroute(state(), input(' '))).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' });
    expect(checkReroute(state(), { ...input(), orgChain: ['lang-son'] })).toMatchObject({ field: 'orgChain' });
    expect(checkReroute(state(), input())).toBeNull();
  });

  it('keeps the status, moves the stage and the chain, and logs from-stage → to-stage with the reason', () => {
    const s = state();
    const event = applyReroute(s, input(), new Date('2026-01-06T01:00:00Z'));
    expect(event).toMatchObject({
      action: 'reroute',
      seq: 2,
      fromStatus: 'IN_PROGRESS',
      toStatus: 'IN_PROGRESS',
      fromStage: 'COUNCIL@van-lang',
      toStage: 'APPRAISAL@lang-son',
      reason: 'Sáp nhập',
    });
    expect(event.state.orgChain).toEqual(newChain);
    expect(event.state.route).toEqual(withoutDistrict);
    expect(s.stageIndex).toBe(at(withoutDistrict, 'APPRAISAL', 'lang-son'));
  });
});
