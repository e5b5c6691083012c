import { reconcile } from '../../apps/worker/src/reconcile';
import { dossierWorkflowId, getDossierState } from '../../libs/contracts';
import { attachMissingDocuments } from '../support/documents';
import { apiClient } from '../support/http';
import { expectDashboardAggregatesToMatchRawTables } from '../support/dashboard-aggregates';
import { markDirty } from '../../libs/persistence/summaries';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startStack('reconcile');
  api = apiClient(stack.baseUrl, stack.demoPassword);
});
afterAll(async () => {
  await stack?.close();
});

async function dossierAtAppraisal(): Promise<string> {
  const clerk = await api.as('xa-hoang-van-thu.clerk');
  const created = await clerk.post('/dossiers', {
    awardCode: 'GIAY_KHEN',
    nominee: { kind: 'INDIVIDUAL', name: 'Nông Văn Dền' },
    achievementSummary: 'Hoàn thành xuất sắc nhiệm vụ',
  });
  const id = created.body.id as string;
  await attachMissingDocuments(clerk, id);
  expect((await clerk.post(`/dossiers/${id}/submit`)).status).toBe(200);
  expect((await (await api.as('xa-hoang-van-thu.approver')).post(`/dossiers/${id}/approve`)).status).toBe(200);
  return id;
}

async function projected(id: string, seq: number) {
  for (let i = 0; i < 200; i++) {
    const [row] = await stack.db.query(`SELECT version FROM dossiers WHERE id = $1`, [id]);
    if (row?.version === seq) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dossier ${id} not projected to ${seq}`);
}

it('finds rows lost or altered behind the workflows’ back and rebuilds them from the histories', async () => {
  const [lost, altered] = [await dossierAtAppraisal(), await dossierAtAppraisal()];
  await Promise.all([projected(lost, 3), projected(altered, 3)]);
  const query = `WorkflowId = '${dossierWorkflowId(lost)}' OR WorkflowId = '${dossierWorkflowId(altered)}'`;
  // The dev server's list is eventually consistent: wait until it shows both.
  for (let i = 0; i < 100; i++) {
    const found = [];
    for await (const wf of stack.temporal.workflow.list({ query })) found.push(wf.workflowId);
    if (found.length === 2) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const clean = await reconcile({ client: stack.temporal, ds: stack.db, repair: false, query });
  expect(clean).toMatchObject({ workflows: 2, drifted: [] });

  // Drift as a bad restore would leave it: one dossier's row and its last two events gone (the log is
  // append-only, so only a superuser with the guard switched off can do that), another's row altered.
  await stack.db.transaction(async (tx) => {
    await tx.query(`ALTER TABLE dossier_events DISABLE TRIGGER trg_dossier_events_append_only`);
    await tx.query(`DELETE FROM dossier_events WHERE dossier_id = $1 AND seq >= 2`, [lost]);
    await tx.query(`ALTER TABLE dossier_events ENABLE TRIGGER trg_dossier_events_append_only`);
  });
  await stack.db.query(`DELETE FROM dossiers WHERE id = $1`, [lost]);
  await stack.db.query(`UPDATE dossiers SET status = 'REJECTED', current_org_code = NULL WHERE id = $1`, [altered]);

  const found = await reconcile({ client: stack.temporal, ds: stack.db, repair: false, query });
  expect(found.drifted).toHaveLength(2);
  expect(found.drifted.find((d) => d.dossierId === lost)!.problems).toEqual([
    'no dossier row',
    '2 of 3 events missing',
  ]);
  expect(found.drifted.find((d) => d.dossierId === altered)!.problems).toEqual([
    'status REJECTED, workflow IN_PROGRESS',
    'who must act differs from the workflow',
  ]);
  expect(found.repaired).toBe(0);
  // Rows deleted and altered behind the projection's back (even events, guard off) move the dashboards' counts: the
  // triggers' at once, the writer's once the dossiers are marked for a recount (as after a restore, markAllDirty).
  await markDirty(stack.db, [lost, altered]);
  await expectDashboardAggregatesToMatchRawTables(stack.db);

  const repaired = await reconcile({ client: stack.temporal, ds: stack.db, repair: true, query });
  expect(repaired.repaired).toBe(2);
  expect((await reconcile({ client: stack.temporal, ds: stack.db, repair: false, query })).drifted).toEqual([]);

  for (const id of [lost, altered]) {
    const state = await stack.temporal.workflow.getHandle(dossierWorkflowId(id)).query(getDossierState);
    const [row] = await stack.db.query(
      `SELECT status, version, current_org_code, current_actor_role FROM dossiers WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      status: state.status,
      version: state.seq,
      current_org_code: 'van-lang',
      current_actor_role: 'REVIEWER',
    });
    // The rebuilt events carry the same hash chain as the originals.
    const verify = await (await api.as('admin')).get(`/audit/verify?dossierId=${id}`);
    expect(verify.body).toMatchObject({ ok: true, events: 3 });
  }
  // The repairs rebuilt rows through the same projection: the counts follow them.
  await expectDashboardAggregatesToMatchRawTables(stack.db);
  // And the dossier goes on from where it was.
  expect((await (await api.as('van-lang.reviewer')).post(`/dossiers/${lost}/approve`)).status).toBe(200);
});
