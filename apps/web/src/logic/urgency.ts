import type { DossierSummary } from '../api/types';

/**
 * Most urgent first: returned dossiers (a clerk must act), then by the stage's deadline when the API gives
 * one, then the order the inbox returns (oldest first).
 */
export function byUrgency(items: DossierSummary[]): DossierSummary[] {
  return items
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const returned = Number(b.d.status === 'RETURNED') - Number(a.d.status === 'RETURNED');
      if (returned) return returned;
      const da = a.d.currentStage?.dueAt ? Date.parse(a.d.currentStage.dueAt) : Infinity;
      const db = b.d.currentStage?.dueAt ? Date.parse(b.d.currentStage.dueAt) : Infinity;
      if (da !== db) return da - db;
      return a.i - b.i;
    })
    .map((x) => x.d);
}
