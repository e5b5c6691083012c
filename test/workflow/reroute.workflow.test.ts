import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ACTION_UPDATES, FAILURE_TYPES, getDossierState, rerouteUpdate } from '../../libs/contracts';
import { AWARD_CATALOG, computeRoute, type Actor } from '../../libs/domain';
import type { RerouteInput } from '../../libs/domain/reroute';
import { demoChain } from '../../libs/persistence/seed/demo-org-tree';
import {
  actor,
  decision,
  dossierInput,
  passCouncil,
  startWorkflowTestEnv,
  type WorkflowTestEnv,
} from '../support/workflow-fixtures';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv('reroute-test');
});
afterAll(async () => {
  await t?.close();
});

const admin: Actor = { username: 'admin', displayName: 'Quản trị', role: 'ADMIN', orgUnitCode: 'trung-uong' };
const award = AWARD_CATALOG.find((a) => a.code === 'BANG_KHEN_CHU_TICH_TINH')!;
// van-lang abolished: xa-hoang-van-thu reports straight to lang-son.
const newChain = demoChain('xa-hoang-van-thu').filter((o) => o.code !== 'van-lang');
const abolishVanLang = (extra: Partial<RerouteInput> = {}): RerouteInput => ({
  actor: admin,
  route: computeRoute(newChain, award, 'INDIVIDUAL'),
  orgChain: newChain.map((o) => o.code),
  originOrgUnitCode: 'xa-hoang-van-thu',
  mapping: {},
  reason: 'Giải thể huyện Văn Lãng',
  ...extra,
});

async function eventsOf(dossierId: string, n: number) {
  for (let k = 0; k < 200; k++) {
    const mine = t.recorded.filter((e) => e.dossierId === dossierId);
    if (mine.length >= n) return mine;
    await new Promise((r) => setTimeout(r, 25));
  }
  return t.recorded.filter((e) => e.dossierId === dossierId);
}

test('a dossier waiting at the council of an abolished district continues at the province, with its history', async () => {
  const i = dossierInput('BANG_KHEN_CHU_TICH_TINH', 'xa-hoang-van-thu');
  const h = await t.start(i);
  const clerk = actor('xa-hoang-van-thu', 'CLERK');
  await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'REVIEWER') }] });
  // The rules load once, by an activity, after the start: wait until the stage's clock is planned.
  let waiting = await h.query(getDossierState);
  for (let k = 0; k < 200 && !waiting.deadline; k++) {
    await new Promise((r) => setTimeout(r, 25));
    waiting = await h.query(getDossierState);
  }
  expect(
    `${waiting.route.stages[waiting.stageIndex].name}@${waiting.route.stages[waiting.stageIndex].orgUnitCode}`,
  ).toBe('COUNCIL@van-lang');
  const enteredCouncil = waiting.deadline!;

  const rerouted = await h.executeUpdate(rerouteUpdate, { args: [abolishVanLang()], updateId: 'reorg-1-x' });
  expect(rerouted.status).toBe('IN_PROGRESS');
  expect(rerouted.orgChain).toEqual(['xa-hoang-van-thu', 'lang-son', 'trung-uong']);
  const stage = rerouted.route.stages[rerouted.stageIndex];
  expect(`${stage.name}@${stage.orgUnitCode}`).toBe('APPRAISAL@lang-son');
  // A new passage with its own clock at the new stage.
  expect(rerouted.deadline).toMatchObject({ stageIndex: stage.index, passage: enteredCouncil.passage + 1 });

  // The same update id applies once.
  const again = await h.executeUpdate(rerouteUpdate, { args: [abolishVanLang()], updateId: 'reorg-1-x' });
  expect(again.seq).toBe(rerouted.seq);

  // The old council may no longer act; the province does.
  const err = await h
    .executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'COUNCIL') }] })
    .catch((e: unknown) => e);
  expect(((err as WorkflowUpdateFailedError).cause as { type?: string }).type).toBe(FAILURE_TYPES.FORBIDDEN);
  let state = rerouted;
  for (const s of rerouted.route.stages.slice(rerouted.stageIndex)) {
    const who = actor(s.orgUnitCode, s.role);
    state =
      s.name === 'DECISION'
        ? await h.executeUpdate(ACTION_UPDATES.decide, { args: [{ actor: who, decision }] })
        : s.name === 'COUNCIL'
          ? await passCouncil(h, s.orgUnitCode)
          : await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: who }] });
  }
  expect(state.status).toBe('APPROVED');
  expect((await h.result()).status).toBe('APPROVED');

  const events = await eventsOf(i.dossierId, state.seq);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
  expect(events.map((e) => e.action)).toEqual([
    'create',
    'submit',
    'approve',
    'approve',
    'reroute',
    'approve',
    'approve',
    'decide',
  ]);
  const reroute = events.find((e) => e.action === 'reroute')!;
  expect(reroute).toMatchObject({
    fromStage: 'COUNCIL@van-lang',
    toStage: 'APPRAISAL@lang-son',
    reason: 'Giải thể huyện Văn Lãng',
    closedPassage: { passage: enteredCouncil.passage, orgUnitCode: 'van-lang', stageName: 'COUNCIL' },
  });
  expect(reroute.state.orgChain).toEqual(['xa-hoang-van-thu', 'lang-son', 'trung-uong']);
});

test('a returned dossier stays returned and re-enters the mapped stage; terminal dossiers and non-admins are refused', async () => {
  const i = dossierInput('BANG_KHEN_CHU_TICH_TINH', 'xa-hoang-van-thu');
  const h = await t.start(i);
  const clerk = actor('xa-hoang-van-thu', 'CLERK');
  await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: clerk }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
  await h.executeUpdate(ACTION_UPDATES.return, {
    args: [{ actor: actor('van-lang', 'REVIEWER'), reason: 'Thiếu xác nhận' }],
  });
  const attempt = async (args: RerouteInput) => {
    const err = await h.executeUpdate(rerouteUpdate, { args: [args] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return ((err as WorkflowUpdateFailedError).cause as { type?: string }).type;
  };
  expect(await attempt(abolishVanLang({ actor: actor('lang-son', 'APPROVER') }))).toBe(FAILURE_TYPES.FORBIDDEN);
  expect(await attempt(abolishVanLang({ reason: '' }))).toBe(FAILURE_TYPES.INVALID_INPUT);

  const rerouted = await h.executeUpdate(rerouteUpdate, { args: [abolishVanLang()] });
  expect(rerouted.status).toBe('RETURNED');
  expect(rerouted.lastReason).toBe('Thiếu xác nhận');
  const resubmitted = await h.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: clerk }] });
  const stage = resubmitted.route.stages[resubmitted.stageIndex];
  expect(`${stage.name}@${stage.orgUnitCode}`).toBe('APPRAISAL@lang-son');

  await h.executeUpdate(ACTION_UPDATES.withdraw, { args: [{ actor: clerk }] });
  // The last projection runs inside the withdrawal's own workflow task (a local activity), so the workflow has
  // ended when the withdrawal is answered: the server itself refuses a later reroute (the API answers it
  // INVALID_STATE, "the dossier is closed"). The validator's refusal of terminal states is in reroute.spec.ts.
  expect((await h.result()).status).toBe('WITHDRAWN');
  await expect(h.executeUpdate(rerouteUpdate, { args: [abolishVanLang()] })).rejects.toBeInstanceOf(
    WorkflowNotFoundError,
  );
});
