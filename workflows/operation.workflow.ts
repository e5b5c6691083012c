/**
 * A long operation over many dossiers (issue 14): a list of nominations, one action on many dossiers, a
 * decision, a reorganisation. The request that asks for it stores its items, starts this workflow (id
 * `operation-<operation id>`) and answers 202 at once; the workflow runs each item as one activity, a few at a
 * time, so a crash of the API or the worker half-way loses nothing: it resumes where it was, and each item is
 * safe to repeat (it carries its deterministic idempotency key, and an item already settled answers what it
 * recorded). Progress is a Query; the items' results are in PostgreSQL, where GET /operations/:id reads them.
 *
 * Deterministic code only: imports libs/ by relative path.
 */
import { ActivityFailure, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  getOperationProgress,
  operationsTaskQueue,
  type OperationActivities,
  type OperationInput,
  type OperationProgress,
} from '../libs/contracts';

/** How many items run at once: enough to keep an operation of hundreds short, few enough not to crowd the API. */
const AT_ONCE = 8;

export async function operationWorkflow(input: OperationInput): Promise<OperationProgress> {
  const { runOperationItem, failOperationItem, finishOperation } = proxyActivities<OperationActivities>({
    taskQueue: operationsTaskQueue(workflowInfo().taskQueue),
    // One item (a nomination: create, papers, submit) takes a second or two; an API that died with the attempt
    // is noticed by this timeout, so a crashed operation resumes soon on another (or the restarted) API.
    startToCloseTimeout: '30 seconds',
    // PostgreSQL or Temporal may be away for a while: back off to a minute, for about an hour, then record the
    // item as failed (its result says why) rather than hold the whole operation for ever.
    retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 60 },
  });
  const progress: OperationProgress = {
    operationId: input.operationId,
    kind: input.kind,
    total: input.positions.length,
    done: 0,
    failed: 0,
    complete: false,
  };
  setHandler(getOperationProgress, () => progress);
  const one = async (position: number): Promise<void> => {
    let ok: boolean;
    try {
      ok = (await runOperationItem({ operationId: input.operationId, position })).ok;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      await failOperationItem({
        operationId: input.operationId,
        position,
        message: err.cause?.message ?? err.message,
      });
      ok = false;
    }
    progress.done += 1;
    if (!ok) progress.failed += 1;
  };
  // AT_ONCE lanes, each taking the next position when its item settled: one slow item holds one lane only.
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < input.positions.length) await one(input.positions[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(AT_ONCE, input.positions.length) }, lane));
  await finishOperation({ operationId: input.operationId });
  progress.complete = true;
  return progress;
}
