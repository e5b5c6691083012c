import type { DataSource } from 'typeorm';
import type { StageDeadline } from '../libs/domain/deadlines';
import type { TransitionEvent } from '../libs/domain/dossier-machine';
import { loadDeadlineRules, raiseDeadlineAlert, recordDeadline, type DeadlineAlertInput } from './deadlines';
import { projectTransition } from './projection';

export interface ActivityDeps {
  dataSource: DataSource;
}

export type { DeadlineAlertInput };

/** Side effects of the dossier workflow. The workflow imports only the type of what this returns. */
export function createActivities(deps: ActivityDeps) {
  return {
    async recordTransition(event: TransitionEvent): Promise<void> {
      await projectTransition(deps.dataSource, event);
    },
    loadDeadlineRules: () => loadDeadlineRules(deps.dataSource),
    async recordDeadline(input: { dossierId: string; version: number; deadline: StageDeadline | null }): Promise<void> {
      await recordDeadline(deps.dataSource, input);
    },
    async raiseDeadlineAlert(alert: DeadlineAlertInput): Promise<void> {
      await raiseDeadlineAlert(deps.dataSource, alert);
    },
  };
}

export type DossierActivities = ReturnType<typeof createActivities>;
