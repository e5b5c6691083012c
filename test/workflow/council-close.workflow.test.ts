import { randomUUID } from 'node:crypto';
import type { CouncilCloseItem } from '../../activities/council-close';
import { ACTION_UPDATES, councilCloseWorkflowId, getCouncilCloseProgress, getDossierState } from '../../libs/contracts';
import type { councilCloseWorkflow } from '../../workflows';
import {
  actor,
  councilOutcome,
  dossierInput,
  startWorkflowTestEnv,
  type WorkflowTestEnv,
} from '../support/workflow-fixtures';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv('council-close-test');
});
afterAll(async () => {
  await t?.close();
});

/** A GIAY_KHEN of xa-hoang-van-thu waiting at the council of van-lang. */
async function atCouncil(): Promise<string> {
  const i = dossierInput('GIAY_KHEN', 'xa-hoang-van-thu');
  const h = await t.start(i);
  await h.executeUpdate(ACTION_UPDATES.submit, { args: [{ actor: actor('xa-hoang-van-thu', 'CLERK') }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('xa-hoang-van-thu', 'APPROVER') }] });
  await h.executeUpdate(ACTION_UPDATES.approve, { args: [{ actor: actor('van-lang', 'REVIEWER') }] });
  return i.dossierId;
}

const item = (dossierId: string, sessionId: string, yes = 5): CouncilCloseItem => {
  const council = { ...councilOutcome(yes, yes >= 3 ? 'PASSED' : 'RETURNED'), sessionId };
  return {
    itemId: randomUUID(),
    dossierId,
    council,
    ...(yes >= 3 ? { comment: 'Hội đồng van-lang' } : { reason: `Không đạt: đồng ý ${yes}/5` }),
    outcome: yes >= 3 ? 'APPROVED' : 'RETURNED',
    detail: 'x',
    minutes: { docType: 'BIEN_BAN_HOP_HOI_DONG', fileName: `bien-ban-hop-${sessionId}.pdf` },
  };
};

test('a session close moves each dossier once by its outcome, retries what failed, and reports progress', async () => {
  const sessionId = randomUUID();
  const ids: string[] = [];
  for (let k = 0; k < 11; k++) ids.push(await atCouncil());
  // One of them is no longer at the council when the close reaches it: a refusal, recorded, not retried.
  const moved = ids[10];
  await t.env.client.workflow
    .getHandle(`dossier-${moved}`)
    .executeUpdate(ACTION_UPDATES.return, { args: [{ actor: actor('van-lang', 'COUNCIL'), reason: 'Thiếu giấy tờ' }] });
  // Two fail twice each, as with PostgreSQL away: retried until they pass.
  t.failCouncilItems.set(ids[1], 2);
  t.failCouncilItems.set(ids[9], 2);
  const items = ids.map((id, k) => item(id, sessionId, k === 2 ? 2 : 5));

  const handle = await t.env.client.workflow.start<typeof councilCloseWorkflow>('councilCloseWorkflow', {
    args: [{ sessionId, actor: actor('van-lang', 'COUNCIL'), items }],
    taskQueue: t.taskQueue,
    workflowId: councilCloseWorkflowId(sessionId),
  });
  const result = await handle.result();
  expect(result).toMatchObject({ sessionId, total: 11, done: 11, failed: 1 });
  expect(result.results.map((r) => r.dossierId)).toEqual(ids);
  expect(result.results.map((r) => r.outcome)).toEqual([
    'APPROVED',
    'APPROVED',
    'RETURNED',
    ...Array(7).fill('APPROVED'),
    'FAILED',
  ]);
  expect(result.results[10].detail).toMatch(/^INVALID_STATE: /);
  expect(await handle.query(getCouncilCloseProgress)).toEqual(result);

  for (const [k, id] of ids.entries()) {
    const state = await t.env.client.workflow.getHandle(`dossier-${id}`).query(getDossierState);
    const stage = state.route.stages[state.stageIndex];
    if (k === 2 || k === 10) expect(state.status).toBe('RETURNED');
    else expect(`${state.status} ${stage.name}`).toBe('IN_PROGRESS DECISION');
    // Exactly one council event per dossier the close moved (the retries sent the same Update id, or none).
    const councilEvents = t.recorded.filter((e) => e.dossierId === id && e.council?.sessionId === sessionId);
    expect(councilEvents).toHaveLength(k === 10 ? 0 : 1);
  }
  expect(t.failCouncilItems.get(ids[1])).toBe(0);

  // The same close again (a retried request after it finished): nothing moves twice.
  const again = await t.env.client.workflow.start<typeof councilCloseWorkflow>('councilCloseWorkflow', {
    args: [{ sessionId, actor: actor('van-lang', 'COUNCIL'), items: items.slice(0, 2) }],
    taskQueue: t.taskQueue,
    workflowId: `${councilCloseWorkflowId(sessionId)}-again`,
  });
  expect((await again.result()).done).toBe(2);
  for (const id of ids.slice(0, 2)) {
    expect(t.recorded.filter((e) => e.dossierId === id && e.council?.sessionId === sessionId)).toHaveLength(1);
  }
});
