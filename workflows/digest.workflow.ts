/**
 * The daily digest: started each working morning by a Temporal Schedule the worker creates at boot
 * (apps/worker/src/digest-schedule.ts). One activity does the work; the workflow gives it the run's time.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

const { sendDailyDigests } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export async function dailyDigestWorkflow(): Promise<number> {
  return sendDailyDigests({ at: new Date().toISOString() });
}
