/**
 * Closing a council session (issue 14): one workflow per session, id `council-close-<session id>`, started by
 * the secretary's close (POST /councils/sessions/:id/close answers 202 at once). It moves every dossier the
 * session decided by its `councilOutcome` Update, a few at a time, each through the `applyCouncilItem` activity
 * with its deterministic idempotency key, so a worker or API crash half-way loses nothing and moves nothing
 * twice: the workflow resumes where it was and the activity is safe to repeat. Progress is a Query.
 *
 * Deterministic code only: imports libs/ by relative path.
 */
import { proxyActivities, setHandler } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { CouncilCloseInput, CouncilItemResult } from '../activities/council-close';
import { getCouncilCloseProgress, type CouncilCloseProgress } from '../libs/contracts';

const { applyCouncilItem } = proxyActivities<ReturnType<typeof createActivities>>({
  // One Update's round trip takes well under a second; a worker that died with the attempt is noticed by this
  // timeout (there is no heartbeat to miss), so it is short enough that a crashed close resumes soon.
  startToCloseTimeout: '20 seconds',
  // The database or Temporal may be away for a while: retry, backing off to a minute, until every dossier moved.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** How many dossiers move at once: enough to keep a close of hundreds short, few enough not to crowd the worker. */
const AT_ONCE = 8;

export async function councilCloseWorkflow(input: CouncilCloseInput): Promise<CouncilCloseProgress> {
  const progress: CouncilCloseProgress = {
    sessionId: input.sessionId,
    total: input.items.length,
    done: 0,
    failed: 0,
    results: [],
  };
  setHandler(getCouncilCloseProgress, () => progress);
  for (let i = 0; i < input.items.length; i += AT_ONCE) {
    const batch = input.items.slice(i, i + AT_ONCE);
    const results: CouncilItemResult[] = await Promise.all(
      batch.map((item) => applyCouncilItem({ sessionId: input.sessionId, actor: input.actor, item })),
    );
    for (const r of results) {
      progress.done += 1;
      if (r.outcome === 'FAILED') progress.failed += 1;
      progress.results.push(r);
    }
  }
  return progress;
}
