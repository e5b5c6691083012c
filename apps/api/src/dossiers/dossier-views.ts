import {
  allowedActions,
  currentStage,
  type Actor,
  type CurrentStage,
  type DossierAction,
  type DossierState,
} from '../../../../libs/domain/dossier-machine';
import type { DossierEntity, DossierEventEntity } from '../../../../libs/persistence/entities';

export interface DossierEventView {
  seq: number;
  action: string;
  actor: { username: string; displayName: string; role: string; orgUnitCode: string; actingFor: string | null };
  fromStatus: string | null;
  toStatus: string;
  fromStage: string | null;
  toStage: string | null;
  reason: string | null;
  comment: string | null;
  occurredAt: string;
}

export type DossierView = Omit<DossierState, 'stageIndex' | 'seq' | 'orgChain' | 'dossierId'> & {
  id: string;
  workflowId: string;
  version: number;
  currentStage: CurrentStage | null;
  allowedActions: DossierAction[];
  /** The event log; null when it cannot be read right now (the database is unavailable). */
  history: DossierEventView[] | null;
};

export interface DossierSummary {
  id: string;
  awardCode: string;
  awardName: string;
  nominee: { kind: string; name: string };
  originOrgUnitCode: string;
  status: string;
  currentStage: { name: string; level: string; orgUnitCode: string; role: string; dueAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  version: number;
}

export function stateFromRow(row: DossierEntity): DossierState {
  return {
    dossierId: row.id,
    awardCode: row.awardCode,
    awardName: row.awardName,
    nominee: row.nominee,
    achievementSummary: row.achievementSummary,
    originOrgUnitCode: row.originOrgCode,
    orgChain: row.orgChain,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
    route: row.route,
    status: row.status,
    stageIndex: row.stageIndex,
    lastReason: row.lastReason,
    decision: row.decision,
    seq: row.version,
  };
}

export function eventView(e: DossierEventEntity): DossierEventView {
  return {
    seq: e.seq,
    action: e.action,
    actor: {
      username: e.actorUsername,
      displayName: e.actorDisplayName,
      role: e.actorRole,
      orgUnitCode: e.actorOrgCode,
      actingFor: e.actingFor,
    },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    fromStage: e.fromStage,
    toStage: e.toStage,
    reason: e.reason,
    comment: e.comment,
    occurredAt: e.occurredAt.toISOString(),
  };
}

export function dossierView(
  state: DossierState,
  viewer: Actor,
  workflowId: string,
  history: DossierEventView[] | null,
): DossierView {
  const { dossierId, stageIndex: _stageIndex, seq, orgChain: _orgChain, ...rest } = state;
  return {
    id: dossierId,
    workflowId,
    ...rest,
    version: seq,
    currentStage: currentStage(state),
    allowedActions: allowedActions(state, viewer),
    history,
  };
}

export function summaryFromRow(row: DossierEntity): DossierSummary {
  return {
    id: row.id,
    awardCode: row.awardCode,
    awardName: row.awardName,
    nominee: { kind: row.nomineeKind, name: row.nomineeName },
    originOrgUnitCode: row.originOrgCode,
    status: row.status,
    currentStage:
      row.currentStageName && row.currentLevel && row.currentOrgCode && row.currentRole
        ? {
            name: row.currentStageName,
            level: row.currentLevel,
            orgUnitCode: row.currentOrgCode,
            role: row.currentRole,
            dueAt: row.currentDueAt ? row.currentDueAt.toISOString() : null,
          }
        : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt ? row.submittedAt.toISOString() : null,
    version: row.version,
  };
}
