import { dashboardWriterWorkflowId, getDashboardWriterProgress } from '../../libs/contracts';
import type { dashboardWriterWorkflow } from '../../workflows';
import { startWorkflowTestEnv, type WorkflowTestEnv } from '../support/workflow-fixtures';

let t: WorkflowTestEnv;
beforeAll(async () => {
  t = await startWorkflowTestEnv('dashboard-writer-test');
});
afterAll(async () => {
  await t?.close();
});

test('the dashboard writer drains again and again, retries a failed drain, and continues as new with its count', async () => {
  // The first two calls fail, as with PostgreSQL away: the activity is retried, the workflow does not fail.
  t.failDrains.next = 2;
  const workflowId = dashboardWriterWorkflowId(t.taskQueue);
  const handle = await t.env.client.workflow.start<typeof dashboardWriterWorkflow>('dashboardWriterWorkflow', {
    args: [{ drainsPerRun: 3, drain: { forMs: 5, batchSize: 7 } }],
    taskQueue: t.taskQueue,
    workflowId,
  });
  const deadline = Date.now() + 30_000;
  while (t.drains.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(t.failDrains.next).toBe(0);
  expect(t.drains.length).toBeGreaterThanOrEqual(8);
  // Every call carries the drain's settings through each continue-as-new.
  expect(new Set(t.drains.map((d) => JSON.stringify(d.input)))).toEqual(new Set(['{"forMs":5,"batchSize":7}']));
  // The latest run answers with the count carried from the runs before it: 3 drains per run, 2 dossiers each.
  const progress = await t.env.client.workflow.getHandle(workflowId).query(getDashboardWriterProgress);
  expect(progress.run).toBeGreaterThanOrEqual(3);
  expect(progress.dossiers).toBe(2 * (3 * (progress.run - 1) + progress.drains));
  // The first run ended by continuing as new (a history bounded by drainsPerRun), not by failing.
  const first = await t.env.client.workflow.getHandle(workflowId, handle.firstExecutionRunId).describe();
  expect(first.status.name).toBe('CONTINUED_AS_NEW');
  const history = await t.env.client.workflow.getHandle(workflowId, handle.firstExecutionRunId).fetchHistory();
  const completed = history.events!.filter((e) => e.activityTaskCompletedEventAttributes).length;
  expect(completed).toBe(3);
  await t.env.client.workflow.getHandle(workflowId).terminate('test over');
});
