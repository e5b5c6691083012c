import type { WorkflowClient } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { applyCouncilItem, type CouncilCloseItem } from './council-close';
import { drainDashboard, type DrainInput } from './dashboard-writer';
import type { TimeLimitRuleSet } from '../libs/domain/deadlines';
import type { Actor, TransitionEvent } from '../libs/domain/dossier-machine';
import {
  loadDeadlineRules,
  raiseDeadlineAlert,
  recordDeadline,
  type DeadlineAlertInput,
  type RecordDeadlineInput,
} from './deadlines';
import type { Mailer } from './mailer';
import { sendDailyDigests } from './notifications';
import { projectTransition } from './projection';

export interface ActivityDeps {
  dataSource: DataSource;
  /** E-mail delivery; absent when SMTP_URL is not set (in-app notifications only). */
  mailer?: Mailer;
  /** The time-limit rule sets; defaults to TIME_LIMIT_RULES (tests give shorter ones). */
  timeLimitRules?: readonly TimeLimitRuleSet[];
  /** Temporal, for the activities that drive other workflows' Updates (a council session's close). */
  workflowClient?: WorkflowClient;
}

export type { DeadlineAlertInput };

/** Side effects of the dossier workflow. The workflow imports only the type of what this returns. */
export function createActivities(deps: ActivityDeps) {
  return {
    /**
     * Returns what it projected: run as a local activity its input is not in the history, its result is (in
     * the marker), and the reconciler rebuilds the read model from the histories (apps/worker/src/reconcile.ts).
     */
    async recordTransition(event: TransitionEvent): Promise<TransitionEvent> {
      await projectTransition(deps.dataSource, event);
      return event;
    },
    loadDeadlineRules: () => loadDeadlineRules(deps.dataSource, deps.timeLimitRules),
    /** Returns its input, for the reconciler, as recordTransition does. */
    async recordDeadline<T extends RecordDeadlineInput>(input: T): Promise<T> {
      await recordDeadline(deps.dataSource, input);
      return input;
    },
    async raiseDeadlineAlert(alert: DeadlineAlertInput): Promise<void> {
      await raiseDeadlineAlert(deps.dataSource, deps.mailer, alert);
    },
    /** One dossier of a closing council session moved by its outcome (workflows/council-close.workflow.ts). */
    applyCouncilItem(input: { sessionId: string; actor: Actor; item: CouncilCloseItem }) {
      if (!deps.workflowClient) throw new Error('this worker has no Temporal client for council closes');
      return applyCouncilItem(deps.dataSource, deps.workflowClient, input);
    },
    /** The dashboard writer's drain (workflows/dashboard-writer.workflow.ts): recounts dirty dossiers for a while. */
    drainDashboard: (input: DrainInput) => drainDashboard(deps.dataSource, input),
    /** Returns how many org units got a digest. */
    sendDailyDigests: (input: { at: string }): Promise<number> =>
      sendDailyDigests(deps.dataSource, deps.mailer, input.at),
  };
}

export type DossierActivities = ReturnType<typeof createActivities>;
