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
  CancellationScope,
  CancelledFailure,
  TemporalFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import {
  ACTION_UPDATES,
  FAILURE_TYPES,
  PATCHES,
  SA,
  councilOutcomeUpdate,
  extendDeadlineUpdate,
  getDossierState,
  rerouteUpdate,
  type DossierWorkflowInput,
} from '../libs/contracts';
import { DeadlinePlanner, type DeadlineAlert, type PassageOutcome } from '../libs/domain/deadlines';
import {
  applyAction,
  applyCouncilOutcome,
  checkAction,
  checkCouncilOutcome,
  councilAction,
  checkExtension,
  createDossier,
  currentStage,
  extensionEvent,
  isTerminal,
  type ActionInput,
  type CouncilOutcomeInput,
  type DossierAction,
  type DossierState,
  type ExtendDeadlineInput,
  type Rejection,
  type TransitionEvent,
} from '../libs/domain/dossier-machine';
import { applyReroute, checkReroute, type RerouteInput } from '../libs/domain/reroute';

const { recordTransition, loadDeadlineRules, raiseDeadlineAlert, recordDeadline } = proxyActivities<
  ReturnType<typeof createActivities>
>({
  startToCloseTimeout: '30 seconds',
  // The read model must catch up however long PostgreSQL is away: retry forever, backing off to a minute.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * The same activities run locally, in the worker that runs the workflow task (since the
 * `issue6-local-activities` patch). A queued activity costs the Temporal server an activity task and a second
 * workflow task per transition; a local one is a marker in the task that accepted the Update (the server's CPU
 * per transition fell from 19.1 to 10.7 ms in bench/lifecycle), and the Update answers after the read model
 * has it. One short attempt only: when it fails (PostgreSQL away, say) the queued activity takes over with its
 * endless retries, and the workflow task — with the Update's answer — is not held while the database is down.
 */
const local = proxyLocalActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 seconds',
  retry: { maximumAttempts: 1 },
});

const PASSAGE_OUTCOME: Partial<Record<DossierAction, PassageOutcome>> = { reject: 'REJECTED', withdraw: 'WITHDRAWN' };

function failure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    type: FAILURE_TYPES[rejection.code],
    message: rejection.message,
    details: rejection.field ? [{ field: rejection.field }] : [],
    nonRetryable: true,
  });
}

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

  /**
   * Deadlines (released after v1, so behind a patch): the rules and the calendar are read once, by an
   * activity, and frozen here; every stage entry, return, resubmission and extension re-plans from them, and
   * durable timers raise the reminder, the escalation and its repeats.
   */
  let planner: DeadlinePlanner | null = null;
  let passage = 0;
  let alarmsChanged = false;
  // The stage a transition left the dossier at, entered at `now`, gets a fresh clock; a return stops it.
  function followStage(action: DossierAction | null, before: number, now: Date): void {
    if (!planner) return;
    alarmsChanged = true;
    if (isTerminal(state.status) || state.status === 'DRAFT') {
      state.deadline = null;
      return;
    }
    if (action === 'return' && state.deadline) return planner.pause(state.deadline, now);
    if (action === 'resubmit' && state.deadline) return planner.resume(state.deadline, now);
    if (action === null || action === 'submit' || state.stageIndex !== before) {
      passage += 1;
      state.deadline = planner.enter(
        state.route.stages[state.stageIndex],
        state.awardCode,
        state.submittedAt ?? now.toISOString(),
        now,
        passage,
      );
    }
  }

  /** One transition: the state machine's step, the stage clock that follows it, the event queued. */
  const transition = (action: DossierAction, apply: (now: Date) => TransitionEvent): DossierState => {
    const before = state.stageIndex;
    const now = new Date();
    const event = apply(now);
    if (planner) {
      const previous = state.deadline ?? null;
      followStage(action, before, now);
      if (previous && state.deadline !== previous) {
        event.closedPassage = planner.closePassage(
          previous,
          state.route.stages[previous.stageIndex],
          PASSAGE_OUTCOME[action] ?? (state.status === 'APPROVED' ? 'APPROVED' : 'FORWARDED'),
          now,
        );
      }
      event.state.deadline = state.deadline ? JSON.parse(JSON.stringify(state.deadline)) : null;
    }
    outbox.push(event);
    publishSearchAttributes();
    return state;
  };

  for (const [action, update] of Object.entries(ACTION_UPDATES) as [
    DossierAction,
    (typeof ACTION_UPDATES)[DossierAction],
  ][]) {
    setHandler(update, (args: ActionInput) => transition(action, (now) => applyAction(state, action, args, now)), {
      validator: (args: ActionInput) => {
        if (!args || typeof args !== 'object' || !args.actor) {
          throw ApplicationFailure.create({
            type: FAILURE_TYPES.INVALID_INPUT,
            message: 'actor is required',
            nonRetryable: true,
          });
        }
        const rejection = checkAction(state, action, args);
        if (rejection) throw failure(rejection);
      },
    });
  }

  /**
   * A COUNCIL stage passes only by the outcome of a closed session (issue 14): the session's close sends the
   * tally, its threshold and the minutes, checked here. `approve` is refused at a COUNCIL stage by
   * `checkAction`; validators do not run on replay, so histories where a secretary approved still replay.
   */
  setHandler(
    councilOutcomeUpdate,
    (args: CouncilOutcomeInput) =>
      transition(councilAction(args.council.result), (now) => applyCouncilOutcome(state, args, now)),
    {
      validator: (args: CouncilOutcomeInput) => {
        if (!args || typeof args !== 'object' || !args.actor) {
          throw failure({ code: 'INVALID_INPUT', message: 'actor is required' });
        }
        const rejection = checkCouncilOutcome(state, args);
        if (rejection) throw failure(rejection);
      },
    },
  );

  setHandler(
    extendDeadlineUpdate,
    (args: ExtendDeadlineInput) => {
      const now = new Date();
      const d = state.deadline!;
      const from = d.dueDate;
      planner!.extend(d, planner!.extendedDueDate(d, args), args.actor.username, args.reason.trim(), now);
      outbox.push(extensionEvent(state, args, from, now));
      alarmsChanged = true;
      return state;
    },
    {
      validator: (args: ExtendDeadlineInput) => {
        if (!args || typeof args !== 'object' || !args.actor) {
          throw failure({ code: 'INVALID_INPUT', message: 'actor is required' });
        }
        const rejection = checkExtension(state, args);
        if (rejection) throw failure(rejection);
        let to: string;
        try {
          to = planner!.extendedDueDate(state.deadline!, args);
        } catch {
          const field = args.newDueDate ? 'newDueDate' : 'days';
          throw failure({ code: 'INVALID_INPUT', field, message: `${field} is outside the working calendar` });
        }
        if (to <= state.deadline!.dueDate) {
          throw failure({ code: 'INVALID_INPUT', field: 'newDueDate', message: 'the new due day must be later' });
        }
      },
    },
  );

  setHandler(
    rerouteUpdate,
    (args: RerouteInput) => {
      const now = new Date();
      const previous = state.deadline ?? null;
      const oldRoute = state.route;
      const event = applyReroute(state, args, now);
      if (planner) {
        // The stage is now another org's (or the same stage on a new route): a new passage with a fresh clock.
        alarmsChanged = true;
        if (previous) {
          event.closedPassage = planner.closePassage(previous, oldRoute.stages[previous.stageIndex], 'FORWARDED', now);
        }
        if (state.status === 'DRAFT') {
          state.deadline = null;
        } else {
          passage += 1;
          state.deadline = planner.enter(
            state.route.stages[state.stageIndex],
            state.awardCode,
            state.submittedAt ?? now.toISOString(),
            now,
            passage,
          );
          if (state.status === 'RETURNED' && state.deadline) planner.pause(state.deadline, now);
        }
        event.state.deadline = state.deadline ? JSON.parse(JSON.stringify(state.deadline)) : null;
      }
      outbox.push(event);
      publishSearchAttributes();
      return state;
    },
    {
      validator: (args: RerouteInput) => {
        if (!args || typeof args !== 'object' || !args.actor) {
          throw failure({ code: 'INVALID_INPUT', message: 'actor is required' });
        }
        const rejection = checkReroute(state, args);
        if (rejection) throw failure(rejection);
      },
    },
  );

  const deadlinesOn = patched(PATCHES.deadlines);
  const localFirst = patched(PATCHES.localActivities);
  const alarmKept = patched(PATCHES.alertTimer);
  /**
   * A local activity first, then its queued twin (see `local`). Runs from before the patch get the queued
   * activity's own promise, not one wrapped in an async function: the extra microtask hops of a wrapper would
   * reorder its scheduling against an Update completed in the same activation, and replay would fail.
   */
  const firstLocally = <A extends unknown[], R>(
    localFn: (...args: A) => Promise<R>,
    queuedFn: (...args: A) => Promise<R>,
    ...args: A
  ): Promise<R> =>
    localFirst
      ? localFn(...args).catch((err: unknown) => {
          // A failed local activity arrives as the activity's own failure (an ApplicationFailure) or as a
          // timeout, not always wrapped in an ActivityFailure: every Temporal failure but a cancellation hands over.
          if (!(err instanceof TemporalFailure) || err instanceof CancelledFailure) throw err;
          return queuedFn(...args);
        })
      : queuedFn(...args);
  let pendingAlert: DeadlineAlert | null = null;
  const planAlert = (): void => {
    const d = state.deadline;
    pendingAlert =
      planner && d && state.status === 'IN_PROGRESS' && !d.pausedAt ? planner.nextAlert(d, new Date()) : null;
    alarmsChanged = false;
  };

  const drain = async (): Promise<void> => {
    while (outbox.length > 0) {
      await firstLocally(local.recordTransition, recordTransition, outbox[0]);
      outbox.shift();
    }
  };

  if (deadlinesOn) {
    // The draft reaches the read model first: lists must not wait on the rules.
    await drain();
    const rules = await firstLocally(local.loadDeadlineRules, loadDeadlineRules);
    planner = new DeadlinePlanner(rules);
    if (state.status === 'IN_PROGRESS' || state.status === 'RETURNED') {
      // Updates raced the rules: plan the stage the dossier is at now, as entered at submission.
      const entered = new Date(state.submittedAt ?? state.updatedAt);
      passage += 1;
      state.deadline = planner.enter(
        state.route.stages[state.stageIndex],
        state.awardCode,
        state.submittedAt ?? entered.toISOString(),
        entered,
        passage,
      );
      if (state.status === 'RETURNED' && state.deadline) planner.pause(state.deadline, new Date());
      await drain();
      await firstLocally(local.recordDeadline, recordDeadline, {
        dossierId: state.dossierId,
        version: state.seq,
        deadline: state.deadline ?? null,
        state,
      });
    }
    planAlert();
  }

  // Drain the outbox in order until the dossier ends and everything is projected; raise deadline alerts when due.
  // Marks the alert sent and says what to raise (synchronous: the runs of before the patch must schedule the
  // activity in the same microtask as they always did).
  const sending = (alert: DeadlineAlert) => {
    const d = state.deadline!;
    d.sent[alert.kind] = alert.sequence;
    return {
      dossierId: state.dossierId,
      awardName: state.awardName,
      nomineeName: state.nominee.name,
      passage: d.passage,
      kind: alert.kind,
      sequence: alert.sequence,
      stage: currentStage(state)!,
      dueAt: d.dueAt,
      at: alert.at.toISOString(),
    };
  };
  if (alarmKept) {
    /**
     * One durable timer for the alerts, kept across transitions (since the `issue6-alert-timer` patch). Every
     * transition re-plans the next alert, and a new stage's usually comes later than the one it replaces: a
     * timer that fires no later than the alert is kept, and when it fires early the loop only arms the next
     * one. A timer is cancelled and started again only when the alert moved earlier. The timer per wait of
     * before cost the server a cancelled and a started timer on every transition (bench/lifecycle).
     */
    let alarm: { at: number; fired: boolean; scope: CancellationScope } | null = null;
    const arm = (at: number): void => {
      if (alarm && !alarm.fired && alarm.at <= at) return;
      alarm?.scope.cancel();
      const next = { at, fired: false, scope: new CancellationScope() };
      alarm = next;
      next.scope
        .run(() => sleep(Math.max(1, at - Date.now())))
        .then(
          () => (next.fired = true),
          () => undefined, // cancelled: a later alarm replaced it
        );
    };
    for (;;) {
      const wake = () => outbox.length > 0 || isTerminal(state.status) || alarmsChanged;
      const alert = pendingAlert as DeadlineAlert | null;
      if (alert) arm(alert.at.getTime());
      await condition(() => wake() || (alert !== null && alarm !== null && alarm.fired));
      if (!wake()) {
        // The alarm fired. A transition in the same activation re-plans instead: the alert was for the old clock.
        alarm = null;
        if (alert && Date.now() >= alert.at.getTime() && state.deadline) {
          await raiseDeadlineAlert(sending(alert));
          planAlert();
        }
        continue;
      }
      await drain();
      if (isTerminal(state.status)) break;
      if (alarmsChanged) planAlert();
    }
  } else {
    for (;;) {
      const wake = () => outbox.length > 0 || isTerminal(state.status) || alarmsChanged;
      const alert = pendingAlert as DeadlineAlert | null;
      if (alert) {
        const woken = await condition(wake, Math.max(1, alert.at.getTime() - Date.now()));
        // A transition in the same activation as the timer re-plans instead: the alert was for the old clock.
        if (!woken && state.deadline && !alarmsChanged) {
          await raiseDeadlineAlert(sending(alert));
          planAlert();
          continue;
        }
      } else {
        await condition(wake);
      }
      await drain();
      if (isTerminal(state.status)) break;
      if (alarmsChanged) planAlert();
    }
  }
  await condition(allHandlersFinished);
  // An Update that raced the final drain may have queued nothing (terminal states accept no actions), but
  // check once more so no accepted event is ever dropped.
  await drain();
  return state;
}
