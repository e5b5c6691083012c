/**
 * The baselines the engine is measured against.
 *
 * `bareWorkflow` does nothing but accept `steps` Updates and end, with no activities, no queries, no search
 * attributes: what Temporal itself costs per transition.
 *
 * `shapedWorkflow` accepts the same Updates and, per Update, asks Temporal for what the dossier workflow asks
 * per transition, with none of its domain work: the five search attributes upserted and one local activity
 * (`echo`, which returns its input; the dossier's is the projection) completed in the same workflow task, the
 * Update answered after it; and, as the dossier has, one alert timer days ahead, kept across the Updates (until
 * the `issue6-alert-timer` patch the dossier cancelled and started it again at every transition, and so did
 * this baseline). The engine against it says how much of the gap to bare Temporal is the Temporal work the
 * features need, and how much is the engine's own (the API, the workflow's logic, the projection's SQL,
 * PostgreSQL).
 */
import {
  condition,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { SA } from '../../libs/contracts';

export const stepUpdate = defineUpdate<number, [number]>('step');

export async function bareWorkflow(steps: number): Promise<number> {
  let done = 0;
  setHandler(stepUpdate, () => ++done);
  await condition(() => done >= steps);
  return done;
}

const { echo } = proxyLocalActivities<{ echo(n: number): Promise<number> }>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

export async function shapedWorkflow(steps: number): Promise<number> {
  let done = 0;
  let projected = 0;
  const publish = () =>
    upsertSearchAttributes([
      { key: SA.status, value: done >= steps ? 'APPROVED' : 'IN_PROGRESS' },
      { key: SA.stage, value: `STAGE_${done}` },
      { key: SA.level, value: 'PROVINCE' },
      { key: SA.orgUnit, value: `org-${done}` },
      { key: SA.award, value: 'BANG_KHEN_THU_TUONG' },
    ]);
  publish();
  setHandler(stepUpdate, async () => {
    const n = ++done;
    publish();
    // Answered once its transition is "projected", as the dossier's Update is.
    await condition(() => projected >= n);
    return n;
  });
  // The alert timer, days ahead, started once and kept across the Updates (as the dossier keeps it while its next
  // alert does not move earlier).
  void sleep('30 days');
  while (projected < steps) {
    await condition(() => done > projected);
    while (projected < done) projected = await echo(projected + 1);
  }
  return done;
}
