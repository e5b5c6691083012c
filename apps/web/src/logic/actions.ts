import type { DossierAction, DossierView, SessionUser } from '../api/types';
import type { TKey } from '../messages';

export const DANGER: readonly DossierAction[] = ['return', 'reject', 'withdraw'];
const ORDER: readonly DossierAction[] = ['submit', 'resubmit', 'approve', 'decide', 'return', 'reject', 'withdraw'];

/** The actions the API says the caller may take now (`allowedActions`), each with the input it needs. */
export function visibleActions(d: DossierView): DossierAction[] {
  const allowed = new Set(d.allowedActions);
  // At the decision stage "approve" and "decide" are the same act; offer the one that says what it does.
  if (allowed.has('decide')) allowed.delete('approve');
  return ORDER.filter((a) => allowed.has(a));
}

/** A council stage offers no approve (only a closed session's outcome moves it on): one label per action. */
export function actionLabel(_d: DossierView, action: DossierAction): TKey {
  return `action.${action}`;
}

/**
 * Whether to offer "extend the deadline": the server's rule (`checkExtension` in libs/domain/dossier-machine)
 * is the APPROVER of the org the current stage sits at, while the dossier is in progress with a running clock.
 * The server decides; the page only hides what it would refuse.
 */
export function canExtendDeadline(d: DossierView, user: Pick<SessionUser, 'role' | 'orgUnitCode'>): boolean {
  return (
    d.status === 'IN_PROGRESS' &&
    !!d.currentStage?.dueAt &&
    user.role === 'APPROVER' &&
    user.orgUnitCode === d.currentStage.orgUnitCode
  );
}
