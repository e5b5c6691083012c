import type { DossierView } from '../api/types';

/**
 * Where the dossier stands on its route (the stages frozen when it was created). While it is returned,
 * rejected or withdrawn, the stage that did it is found in the history ("APPRAISAL@van-lang").
 */
export function routePosition(d: DossierView): number {
  const label = (i: number) => `${d.route.stages[i].name}@${d.route.stages[i].orgUnitCode}`;
  const indexOf = (stage: string | null) => d.route.stages.findIndex((_, i) => label(i) === stage);
  if (d.status === 'APPROVED') return d.route.stages.length;
  if (d.status === 'DRAFT') return -1;
  if (d.status === 'IN_PROGRESS' && d.currentStage) {
    const byIndex = d.currentStage.index ?? -1;
    return byIndex >= 0 ? byIndex : indexOf(`${d.currentStage.name}@${d.currentStage.orgUnitCode}`);
  }
  const action = d.status === 'RETURNED' ? 'return' : d.status === 'REJECTED' ? 'reject' : 'withdraw';
  const last = [...d.history].reverse().find((e) => e.action === action);
  return last ? indexOf(last.fromStage) : -1;
}
