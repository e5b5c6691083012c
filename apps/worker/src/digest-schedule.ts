import { Client, ScheduleNotFoundError, ScheduleOverlapPolicy, type Connection } from '@temporalio/client';

export const digestScheduleId = (taskQueue: string): string => `daily-digest-${taskQueue}`;

/** 07:30 Vietnam time, Monday to Friday: before office hours start. */
const SPEC = { cronExpressions: ['30 7 * * 1-5'], timezone: 'Asia/Ho_Chi_Minh' };

/**
 * Creates the daily-digest Schedule, or brings an existing one up to date, so every worker boot may call it:
 * replicas racing to create it end with one schedule.
 */
export async function ensureDigestSchedule(connection: Connection, namespace: string, taskQueue: string) {
  const client = new Client({ connection, namespace });
  const scheduleId = digestScheduleId(taskQueue);
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'dailyDigestWorkflow',
    workflowId: `daily-digest-${taskQueue}`,
    taskQueue,
    args: [],
  };
  const handle = client.schedule.getHandle(scheduleId);
  try {
    await handle.describe();
    await handle.update((prev) => ({ ...prev, spec: SPEC, action }));
    return handle;
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  try {
    return await client.schedule.create({
      scheduleId,
      spec: SPEC,
      action,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    });
  } catch (err) {
    // Another replica created it in between.
    if ((err as Error).name === 'ScheduleAlreadyRunning') return handle;
    throw err;
  }
}
