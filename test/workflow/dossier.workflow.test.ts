import { WorkflowUpdateFailedError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { ACTION_UPDATES, FAILURE_TYPES, councilOutcomeUpdate, getDossierState } from '../../libs/contracts';
import type { Actor } from '../../libs/domain';
import {
  actor,
  councilOutcome,
  decision,
  dossierInput,
  driveToDecision,
  startWorkflowTestEnv,
  type WorkflowTestEnv,
} from '../support/workflow-fixtures';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv();
});
afterAll(async () => {
  await t?.close();
});

test('a BANG_KHEN_THU_TUONG dossier travels every stage to APPROVED, returned once at lang-son', async () => {
  const i = dossierInput('BANG_KHEN_THU_TUONG', 'xa-hoang-van-thu');
  const handle = await t.start(i);
  const state = await driveToDecision(handle, i, { orgUnitCode: 'lang-son', stage: 'COUNCIL' });
  expect(state.status).toBe('APPROVED');
  expect(state.decision).toEqual(decision);
  expect((await handle.result()).status).toBe('APPROVED');
  const events = t.recorded.filter((e) => e.dossierId === i.dossierId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
  expect(events.map((e) => e.action)).toEqual([
    'create',
    'submit',
    ...i.route.stages.flatMap((s) =>
      s.orgUnitCode === 'lang-son' && s.name === 'COUNCIL'
        ? ['return', 'resubmit', 'approve']
        : [s.name === 'DECISION' ? 'decide' : 'approve'],
    ),
  ]);
  const resubmit = events.find((e) => e.action === 'resubmit')!;
  expect(resubmit.toStage).toBe('COUNCIL@lang-son');
});

test('validators reject the wrong stage, the wrong role and a missing reason, and nothing is recorded', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const handle = await t.start(i);
  const attempt = async (name: keyof typeof ACTION_UPDATES, a: Actor, extra: object = {}) => {
    const err = await handle
      .executeUpdate(ACTION_UPDATES[name], { args: [{ actor: a, ...extra }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    return (err as WorkflowUpdateFailedError).cause as { type?: string };
  };
  expect((await attempt('approve', actor('xa-hoang-van-thu', 'APPROVER'))).type).toBe(FAILURE_TYPES.INVALID_STATE);
  expect((await attempt('submit', actor('van-lang', 'CLERK'))).type).toBe(FAILURE_TYPES.FORBIDDEN);
  await handle.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
  expect((await attempt('return', actor('xa-hoang-van-thu', 'APPROVER'))).type).toBe(FAILURE_TYPES.INVALID_INPUT);
  expect((await attempt('approve', actor('xa-hoang-van-thu', 'CLERK'))).type).toBe(FAILURE_TYPES.FORBIDDEN);
  expect((await attempt('decide', actor('xa-hoang-van-thu', 'APPROVER'), { decision })).type).toBe(
    FAILURE_TYPES.INVALID_STATE,
  );
  const state = await handle.query(getDossierState);
  expect(state.seq).toBe(2);
  expect(state.stageIndex).toBe(0);
  expect(t.recorded.filter((e) => e.dossierId === i.dossierId).map((e) => e.action)).toEqual(['create', 'submit']);
});

test('a COUNCIL stage passes only by the outcome of a closed session, checked by the workflow', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const h = await t.start(i);
  const secretary = actor('van-lang', 'COUNCIL');
  const outcome = async (args: object) => {
    const err = await h
      .executeUpdate(councilOutcomeUpdate, { args: [{ actor: secretary, ...args } as never] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; details?: { field?: string }[] };
    return `${cause.type} ${cause.details?.[0]?.field ?? ''}`.trim();
  };
  await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
  // Not at a council yet.
  expect(await outcome({ council: councilOutcome() })).toBe(FAILURE_TYPES.INVALID_STATE);
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'REVIEWER') }] });
  expect((await h.query(getDossierState)).route.stages[(await h.query(getDossierState)).stageIndex].name).toBe(
    'COUNCIL',
  );

  // The secretary's approve is refused, whoever sends it; so is an outcome that does not add up.
  const approve = await h
    .executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: secretary }] })
    .catch((e: unknown) => e as WorkflowUpdateFailedError);
  expect((approve as WorkflowUpdateFailedError).cause).toMatchObject({ type: FAILURE_TYPES.INVALID_STATE });
  expect(((approve as WorkflowUpdateFailedError).cause as Error).message).toMatch(/\/councils\/sessions/);
  const failing = councilOutcome(2);
  expect(await outcome({ council: failing })).toBe(`${FAILURE_TYPES.INVALID_INPUT} council.result`);
  expect(await outcome({ council: { ...councilOutcome(), tally: { ...councilOutcome().tally, required: 1 } } })).toBe(
    `${FAILURE_TYPES.INVALID_INPUT} council.tally`,
  );
  expect(await outcome({ council: { ...councilOutcome(), tally: { ...councilOutcome().tally, yes: 6 } } })).toBe(
    `${FAILURE_TYPES.INVALID_INPUT} council.tally`,
  );
  expect(await outcome({ council: { ...councilOutcome(), title: ' ' } })).toBe(
    `${FAILURE_TYPES.INVALID_INPUT} council.title`,
  );
  expect(await outcome({ council: { ...councilOutcome(), minutesSha256: 'none' } })).toBe(
    `${FAILURE_TYPES.INVALID_INPUT} council.minutesSha256`,
  );
  expect(await outcome({ council: { ...failing, result: 'RETURNED' } })).toBe(`${FAILURE_TYPES.INVALID_INPUT} reason`);
  expect(await outcome({ council: undefined })).toBe(`${FAILURE_TYPES.INVALID_INPUT} council`);
  const other = await h
    .executeUpdate(councilOutcomeUpdate, { args: [{ actor: actor('lang-son', 'COUNCIL'), council: councilOutcome() }] })
    .catch((e: unknown) => e as WorkflowUpdateFailedError);
  expect((other as WorkflowUpdateFailedError).cause).toMatchObject({ type: FAILURE_TYPES.FORBIDDEN });
  expect((await h.query(getDossierState)).seq).toBe(4);

  // A session that fell short returns it with its reason; the next session's pass moves it on.
  const short = await h.executeUpdate(councilOutcomeUpdate, {
    args: [{ actor: secretary, council: { ...failing, result: 'RETURNED' }, reason: 'Không đạt: đồng ý 2/5' }],
  });
  expect(short.status).toBe('RETURNED');
  await h.executeUpdate(ACTION_UPDATES.resubmit, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
  const pass = councilOutcome(4);
  const moved = await h.executeUpdate(councilOutcomeUpdate, { args: [{ actor: secretary, council: pass }] });
  expect(moved.route.stages[moved.stageIndex].name).toBe('DECISION');
  const events = t.recorded.filter((e) => e.dossierId === i.dossierId);
  const returned = events.find((e) => e.action === 'return')!;
  expect(returned).toMatchObject({ fromStage: 'COUNCIL@van-lang', council: { result: 'RETURNED' } });
  const passed = events.at(-1)!;
  expect(passed).toMatchObject({
    action: 'approve',
    fromStage: 'COUNCIL@van-lang',
    toStage: 'DECISION@van-lang',
    council: { sessionId: pass.sessionId, tally: { yes: 4, members: 5 }, minutesSha256: pass.minutesSha256 },
  });
  expect(passed.comment).toBe(`Phiên họp “${pass.title}”: đồng ý 4/5, cần 3`);
});

test('the same update id applies once', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const handle = await t.start(i);
  const args = [{ actor: actor('xa-hoang-van-thu', 'CLERK'), requestId: 'key-1' }];
  await handle.executeUpdate(ACTION_UPDATES.submit, { args: [args[0]], updateId: 'key-1' });
  const again = await handle.executeUpdate(ACTION_UPDATES.submit, { args: [args[0]], updateId: 'key-1' });
  expect(again.seq).toBe(2);
  expect((await handle.query(getDossierState)).seq).toBe(2);
});

test('withdraw and reject end the workflow after the last event is projected', async () => {
  const w = dossierInput('LAO_DONG_TIEN_TIEN', 'xa-hoang-van-thu');
  const wh = await t.start(w);
  await wh.executeUpdate(ACTION_UPDATES.withdraw, {
    args: [{ actor: actor('xa-hoang-van-thu', 'CLERK'), reason: 'Nộp nhầm' }],
  });
  expect((await wh.result()).status).toBe('WITHDRAWN');
  expect(t.recorded.filter((e) => e.dossierId === w.dossierId).map((e) => e.action)).toEqual(['create', 'withdraw']);

  const r = dossierInput('BANG_KHEN_CHU_TICH_TINH', 'chi-cuc-bao-ve-moi-truong');
  const rh = await t.start(r);
  await rh.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: actor('chi-cuc-bao-ve-moi-truong', 'CLERK') }] });
  await rh.executeUpdate(ACTION_UPDATES.reject, {
    args: [{ actor: actor('chi-cuc-bao-ve-moi-truong', 'APPROVER'), reason: 'Không đủ điều kiện' }],
  });
  const final = await rh.result();
  expect(final.status).toBe('REJECTED');
  expect(final.lastReason).toBe('Không đủ điều kiện');
});

test('a projection that fails (PostgreSQL away) hands over to the queued activity: the workflow goes on, nothing is lost', async () => {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const handle = await t.start(i);
  while (!t.recorded.some((e) => e.dossierId === i.dossierId)) await new Promise((r) => setTimeout(r, 20));
  // The submission's local attempt fails, then the queued activity's first attempt; its retry lands it.
  t.failProjections.set(i.dossierId, 2);
  const state = await driveToDecision(handle, i);
  expect(state.status).toBe('APPROVED');
  expect((await handle.result()).status).toBe(state.status);
  expect(t.failProjections.get(i.dossierId)).toBe(0);
  const events = t.recorded.filter((e) => e.dossierId === i.dossierId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
  expect(events.length).toBe(state.seq);
  const history = await handle.fetchHistory();
  const types = history.events!.map((e) => e.eventType);
  expect(types).toContain(temporal.api.enums.v1.EventType.EVENT_TYPE_MARKER_RECORDED);
  // One queued activity, for the submission only, which landed at its second attempt.
  const queued = history.events!.filter((e) => e.activityTaskStartedEventAttributes);
  expect(queued.map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([2]);
  expect(types.filter((x) => x === temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)).toHaveLength(1);
});
