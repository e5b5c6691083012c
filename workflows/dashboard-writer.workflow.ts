/**
 * The dashboards' single writer (issue 14): a long-running workflow, id `dashboard-writer-<task queue>`, started by
 * every worker at boot (apps/worker/src/dashboard-writer.ts; the first start wins). It calls the `drainDashboard`
 * activity again and again; each call drains the dirty dossiers for a while, batch after batch, and heartbeats.
 * A worker that dies mid-call is noticed by the heartbeat timeout and the call is retried elsewhere: a batch is one
 * transaction, so what it had not committed is drained again. After a bounded number of calls (or when Temporal
 * suggests it) the workflow continues as new, so its history stays small however long it runs.
 *
 * Deterministic code only: imports libs/ by relative path.
 */
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { DrainInput } from '../activities/dashboard-writer';
import { getDashboardWriterProgress, type DashboardWriterProgress } from '../libs/contracts';

const { drainDashboard } = proxyActivities<ReturnType<typeof createActivities>>({
  // One call drains for `forMs` (30 s by default); a batch takes well under a second.
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  // PostgreSQL may be away for a while: retry for ever, backing off to half a minute.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface DashboardWriterInput {
  drain?: DrainInput;
  /** Activity calls per run before continuing as new (3 history events each). */
  drainsPerRun?: number;
  /** Carried across continue-as-new. */
  dossiers?: number;
  run?: number;
}

export async function dashboardWriterWorkflow(input: DashboardWriterInput = {}): Promise<never> {
  const progress: DashboardWriterProgress = { dossiers: input.dossiers ?? 0, drains: 0, run: input.run ?? 1 };
  setHandler(getDashboardWriterProgress, () => progress);
  const drainsPerRun = input.drainsPerRun ?? 100;
  while (progress.drains < drainsPerRun && !workflowInfo().continueAsNewSuggested) {
    const result = await drainDashboard(input.drain ?? {});
    progress.drains += 1;
    progress.dossiers += result.dossiers;
  }
  return continueAsNew<typeof dashboardWriterWorkflow>({
    ...input,
    dossiers: progress.dossiers,
    run: progress.run + 1,
  });
}
