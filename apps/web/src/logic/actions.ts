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

/**
 * What the button says. A council stage offers no approve (only a closed session's outcome moves it on); a draft
 * nobody has submitted is deleted ("Xóa dự thảo"), not withdrawn: nothing was sent anywhere to withdraw.
 */
export function actionLabel(d: DossierView, action: DossierAction): TKey {
  return isDraftDeletion(d, action) ? 'action.deleteDraft' : `action.${action}`;
}

/** What the page says once the action is done. */
export function doneLabel(d: DossierView, action: DossierAction): TKey {
  return isDraftDeletion(d, action) ? 'action.done.deleteDraft' : `action.done.${action}`;
}

export function isDraftDeletion(d: Pick<DossierView, 'status'>, action: DossierAction): boolean {
  return action === 'withdraw' && d.status === 'DRAFT';
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
