import { AWARD_CATALOG } from './award-catalog';
import { THRESHOLD_RULES, tally, thresholdFor, type Vote } from './council';
import {
  allowedActions,
  applyAction,
  applyCouncilOutcome,
  checkAction,
  checkCouncilOutcome,
  createDossier,
  currentStage,
  type Actor,
  type DossierState,
} from './dossier-machine';
import { computeRoute } from './route';
import { demoChain } from '../persistence/seed/demo-org-tree';

const a = (orgUnitCode: string, role: Actor['role']): Actor => ({
  username: `${orgUnitCode}.${role}`,
  displayName: role,
  role,
  orgUnitCode,
});
const now = new Date('2026-11-25T03:00:00Z');

function draft(awardCode = 'GIAY_KHEN', origin = 'xa-hoang-van-thu'): DossierState {
  const chain = demoChain(origin);
  const award = AWARD_CATALOG.find((x) => x.code === awardCode)!;
  return createDossier(
    {
      dossierId: 'd1',
      awardCode,
      awardName: award.nameVi,
      nominee: { kind: 'INDIVIDUAL', name: 'A' },
      achievementSummary: 's',
      originOrgUnitCode: origin,
      orgChain: chain.map((o) => o.code),
      route: computeRoute(chain, award, 'INDIVIDUAL'),
      createdBy: a(origin, 'CLERK'),
    },
    now,
  ).state;
}

describe('dossier state machine', () => {
  it('a draft waits on the clerk of its own unit, who may submit or withdraw it', () => {
    const s = draft();
    expect(currentStage(s)).toMatchObject({ name: 'DRAFT', role: 'CLERK', orgUnitCode: 'xa-hoang-van-thu' });
    expect(allowedActions(s, a('xa-hoang-van-thu', 'CLERK'))).toEqual(['submit', 'withdraw']);
    expect(allowedActions(s, a('van-lang', 'CLERK'))).toEqual([]);
  });

  it('orders refusals: status first (409), then who (403), then input (400)', () => {
    const s = draft();
    expect(checkAction(s, 'approve', { actor: a('van-lang', 'CLERK') })?.code).toBe('INVALID_STATE');
    expect(checkAction(s, 'submit', { actor: a('van-lang', 'CLERK') })?.code).toBe('FORBIDDEN');
    applyAction(s, 'submit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    expect(checkAction(s, 'return', { actor: a('xa-hoang-van-thu', 'APPROVER'), reason: ' ' })).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'reason',
    });
    expect(checkAction(s, 'decide', { actor: a('xa-hoang-van-thu', 'APPROVER') })?.code).toBe('INVALID_STATE');
  });

  it('returns to the clerk and resubmits into the stage that returned it; the event log says so', () => {
    const s = draft();
    applyAction(s, 'submit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    applyAction(s, 'approve', { actor: a('xa-hoang-van-thu', 'APPROVER') }, now);
    applyAction(s, 'approve', { actor: a('van-lang', 'REVIEWER') }, now);
    const ret = applyAction(s, 'return', { actor: a('van-lang', 'COUNCIL'), reason: 'Thiếu hồ sơ' }, now);
    expect(ret).toMatchObject({
      fromStage: 'COUNCIL@van-lang',
      toStage: 'SUPPLEMENT@xa-hoang-van-thu',
      toStatus: 'RETURNED',
      reason: 'Thiếu hồ sơ',
    });
    expect(allowedActions(s, a('van-lang', 'COUNCIL'))).toEqual([]);
    const back = applyAction(s, 'resubmit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    expect(back.toStage).toBe('COUNCIL@van-lang');
    expect(s.seq).toBe(6);
  });

  it('decides at the last stage only with a complete decision, and then accepts nothing', () => {
    const s = draft();
    applyAction(s, 'submit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    for (const stage of s.route.stages.slice(0, -1))
      applyAction(s, 'approve', { actor: a(stage.orgUnitCode, stage.role) }, now);
    const approver = a('van-lang', 'APPROVER');
    expect(checkAction(s, 'approve', { actor: approver })).toMatchObject({ code: 'INVALID_INPUT', field: 'decision' });
    expect(
      checkAction(s, 'decide', { actor: approver, decision: { number: '1', date: '2026-13-45', signer: 'X' } }),
    ).toMatchObject({ field: 'decision.date' });
    expect(
      checkAction(s, 'decide', { actor: approver, decision: { number: '', date: '2026-11-25', signer: 'X' } }),
    ).toMatchObject({ field: 'decision.number' });
    const ev = applyAction(
      s,
      'decide',
      { actor: approver, decision: { number: '1/QĐ', date: '2026-11-25', signer: 'X' } },
      now,
    );
    expect(ev.toStatus).toBe('APPROVED');
    expect(currentStage(s)).toBeNull();
    expect(allowedActions(s, approver)).toEqual([]);
    expect(checkAction(s, 'withdraw', { actor: a('xa-hoang-van-thu', 'CLERK') })?.code).toBe('INVALID_STATE');
  });

  it('events carry a snapshot that later transitions do not change', () => {
    const s = draft();
    const ev = applyAction(s, 'submit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    applyAction(s, 'approve', { actor: a('xa-hoang-van-thu', 'APPROVER') }, now);
    expect(ev.state.stageIndex).toBe(0);
    expect(ev.state.seq).toBe(2);
  });

  it('a council stage is refused to approve and passes only by a consistent outcome of a closed session', () => {
    const s = draft();
    applyAction(s, 'submit', { actor: a('xa-hoang-van-thu', 'CLERK') }, now);
    applyAction(s, 'approve', { actor: a('xa-hoang-van-thu', 'APPROVER') }, now);
    applyAction(s, 'approve', { actor: a('van-lang', 'REVIEWER') }, now);
    const secretary = a('van-lang', 'COUNCIL');
    expect(allowedActions(s, secretary)).toEqual(['return', 'reject']);
    expect(checkAction(s, 'approve', { actor: secretary })).toMatchObject({ code: 'INVALID_STATE' });

    const rule = thresholdFor('GIAY_KHEN', THRESHOLD_RULES);
    const votes = (yes: number): Vote[] => [...Array<Vote>(yes).fill('YES'), ...Array<Vote>(7 - yes).fill('NO')];
    const council = (yes: number, result: 'PASSED' | 'RETURNED' = 'PASSED') => ({
      sessionId: 's-1',
      title: 'Phiên họp tháng 12',
      result,
      tally: tally(votes(yes), 7, rule),
      threshold: { code: rule.code, percent: rule.percent, strict: rule.strict },
      minutesSha256: 'c'.repeat(64),
    });
    // 4 of 7 is more than half; 3 of 7 is not, whatever the sender claims.
    expect(checkCouncilOutcome(s, { actor: secretary, council: council(3) })).toMatchObject({
      field: 'council.result',
    });
    const forged = { ...council(3), tally: { ...council(3).tally, passed: true } };
    expect(checkCouncilOutcome(s, { actor: secretary, council: forged })).toMatchObject({ field: 'council.tally' });
    expect(checkCouncilOutcome(s, { actor: a('van-lang', 'APPROVER'), council: council(4) })?.code).toBe('FORBIDDEN');
    expect(checkCouncilOutcome(s, { actor: secretary, council: council(3, 'RETURNED') })).toMatchObject({
      field: 'reason',
    });
    expect(checkCouncilOutcome(s, { actor: secretary, council: council(4) })).toBeNull();
    const ev = applyCouncilOutcome(s, { actor: secretary, council: council(4) }, now);
    expect(ev).toMatchObject({ action: 'approve', fromStage: 'COUNCIL@van-lang', toStage: 'DECISION@van-lang' });
    expect(ev.comment).toBe('Phiên họp “Phiên họp tháng 12”: đồng ý 4/7, cần 4');
    expect(checkCouncilOutcome(s, { actor: secretary, council: council(4) })?.code).toBe('INVALID_STATE');
  });
});
