/**
 * The baseline the engine is measured against: a workflow that does nothing but accept `steps` Updates and
 * end, with no activities, no queries, no search attributes. What Temporal itself costs per transition.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const stepUpdate = defineUpdate<number, [number]>('step');

export async function bareWorkflow(steps: number): Promise<number> {
  let done = 0;
  setHandler(stepUpdate, () => ++done);
  await condition(() => done >= steps);
  return done;
}
