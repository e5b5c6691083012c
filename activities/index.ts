import type { DataSource } from 'typeorm';
import type { TransitionEvent } from '../libs/domain/dossier-machine';
import { projectTransition } from './projection';

export interface ActivityDeps {
  dataSource: DataSource;
}

/** Side effects of the dossier workflow. The workflow imports only the type of what this returns. */
export function createActivities(deps: ActivityDeps) {
  return {
    async recordTransition(event: TransitionEvent): Promise<void> {
      await projectTransition(deps.dataSource, event);
    },
  };
}

export type DossierActivities = ReturnType<typeof createActivities>;
