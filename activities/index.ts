import type { DataSource } from 'typeorm';
import type { StageDeadline, TimeLimitRuleSet } from '../libs/domain/deadlines';
import type { DossierState, TransitionEvent } from '../libs/domain/dossier-machine';
import { loadDeadlineRules, raiseDeadlineAlert, recordDeadline, type DeadlineAlertInput } from './deadlines';
import type { Mailer } from './mailer';
import { sendDailyDigests } from './notifications';
import { projectTransition } from './projection';

export interface ActivityDeps {
  dataSource: DataSource;
  /** E-mail delivery; absent when SMTP_URL is not set (in-app notifications only). */
  mailer?: Mailer;
  /** The time-limit rule sets; defaults to TIME_LIMIT_RULES (tests give shorter ones). */
  timeLimitRules?: readonly TimeLimitRuleSet[];
}

export type { DeadlineAlertInput };

/** Side effects of the dossier workflow. The workflow imports only the type of what this returns. */
export function createActivities(deps: ActivityDeps) {
  return {
    async recordTransition(event: TransitionEvent): Promise<void> {
      await projectTransition(deps.dataSource, event);
    },
    loadDeadlineRules: () => loadDeadlineRules(deps.dataSource, deps.timeLimitRules),
    async recordDeadline(input: {
      dossierId: string;
      version: number;
      deadline: StageDeadline | null;
      state?: DossierState;
    }): Promise<void> {
      await recordDeadline(deps.dataSource, input);
    },
    async raiseDeadlineAlert(alert: DeadlineAlertInput): Promise<void> {
      await raiseDeadlineAlert(deps.dataSource, deps.mailer, alert);
    },
    /** Returns how many org units got a digest. */
    sendDailyDigests: (input: { at: string }): Promise<number> =>
      sendDailyDigests(deps.dataSource, deps.mailer, input.at),
  };
}

export type DossierActivities = ReturnType<typeof createActivities>;
