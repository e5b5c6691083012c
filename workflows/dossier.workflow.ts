/**
 * One workflow per dossier (hồ sơ đề nghị khen thưởng), id `dossier-<id>`. It holds the state machine of
 * libs/domain/dossier-machine.ts: commands arrive as Updates whose validators reject what the stage does not
 * allow (so nothing invalid reaches the history), and every accepted transition is queued for the read
 * model. The queue is drained by an activity outside the Update handler, so an action is accepted even
 * while PostgreSQL is down and reaches the read model, in order, once it is back.
 *
 * Deterministic code only: imports libs/ by relative path, time from the sandbox's Date.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { ACTION_UPDATES, FAILURE_TYPES, SA, getDossierState, type DossierWorkflowInput } from '../libs/contracts';
import {
  applyAction,
  checkAction,
  createDossier,
  currentStage,
  isTerminal,
  type ActionInput,
  type DossierAction,
  type DossierState,
  type TransitionEvent,
} from '../libs/domain/dossier-machine';

const { recordTransition } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 seconds',
  // The read model must catch up however long PostgreSQL is away: retry forever, backing off to a minute.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export async function dossierWorkflow(input: DossierWorkflowInput): Promise<DossierState> {
  const created = createDossier(input, new Date());
  const state: DossierState = created.state;
  const outbox: TransitionEvent[] = [created];

  const publishSearchAttributes = (): void => {
    const stage = currentStage(state);
    upsertSearchAttributes([
      { key: SA.status, value: state.status },
      { key: SA.stage, value: stage?.name ?? null },
      { key: SA.level, value: stage?.level ?? null },
      { key: SA.orgUnit, value: stage?.orgUnitCode ?? null },
      { key: SA.award, value: state.awardCode },
    ]);
  };
  publishSearchAttributes();

  setHandler(getDossierState, () => state);

  for (const [action, update] of Object.entries(ACTION_UPDATES) as [
    DossierAction,
    (typeof ACTION_UPDATES)[DossierAction],
  ][]) {
    setHandler(
      update,
      (args: ActionInput) => {
        outbox.push(applyAction(state, action, args, new Date()));
        publishSearchAttributes();
        return state;
      },
      {
        validator: (args: ActionInput) => {
          if (!args || typeof args !== 'object' || !args.actor) {
            throw ApplicationFailure.create({
              type: FAILURE_TYPES.INVALID_INPUT,
              message: 'actor is required',
              nonRetryable: true,
            });
          }
          const rejection = checkAction(state, action, args);
          if (rejection) {
            throw ApplicationFailure.create({
              type: FAILURE_TYPES[rejection.code],
              message: rejection.message,
              details: rejection.field ? [{ field: rejection.field }] : [],
              nonRetryable: true,
            });
          }
        },
      },
    );
  }

  // Drain the outbox in order until the dossier ends and everything is projected.
  for (;;) {
    await condition(() => outbox.length > 0 || isTerminal(state.status));
    while (outbox.length > 0) {
      await recordTransition(outbox[0]);
      outbox.shift();
    }
    if (isTerminal(state.status)) break;
  }
  await condition(allHandlersFinished);
  // An Update that raced the final drain may have queued nothing (terminal states accept no actions), but
  // check once more so no accepted event is ever dropped.
  while (outbox.length > 0) {
    await recordTransition(outbox[0]);
    outbox.shift();
  }
  return state;
}
