import {
  isTerminal,
  stageLabel,
  structuredCloneState,
  type Actor,
  type DossierState,
  type DossierStatus,
  type Rejection,
  type TransitionEvent,
} from './dossier-machine';
import type { Route } from './route';

/**
 * Reorganisation (sắp xếp đơn vị hành chính): org units are merged or abolished while dossiers are in flight.
 * A dossier keeps its history and continues on the route computed from its new org chain; this decides where.
 */
export interface RerouteFrom {
  route: Route;
  stageIndex: number;
  status: DossierStatus;
}

/** `{fromCode: toCode}`: each merged org and the org that replaced it. An abolished org has no entry. */
export type OrgMapping = Readonly<Record<string, string>>;

export class RerouteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RerouteError';
  }
}

/**
 * The index on `next` of the stage the dossier continues at. The same stage at the same org, or at the org
 * that replaced it in a merge; if that org is on the new route with other stages, its first one; if the org
 * was abolished, the first stage of its nearest ancestor that is still on the new route (a council of an
 * abolished district becomes the province's appraisal: the province has not seen the dossier yet). A draft
 * starts the new route at its beginning. A returned dossier's stage (the one it re-enters on resubmission)
 * is mapped the same way.
 */
export function rerouteStageIndex(from: RerouteFrom, next: Route, mapping: OrgMapping = {}): number {
  if (next.stages.length === 0) throw new RerouteError('The new route has no stages');
  if (from.status === 'DRAFT') return 0;
  const stage = from.route.stages[from.stageIndex];
  if (!stage) throw new RerouteError(`Stage ${from.stageIndex} is not on the dossier's route`);
  const mapped = (code: string): string => mapping[code] ?? code;
  const firstAt = (code: string): number => next.stages.findIndex((s) => s.orgUnitCode === code);

  const org = mapped(stage.orgUnitCode);
  const same = next.stages.findIndex((s) => s.orgUnitCode === org && s.name === stage.name);
  if (same >= 0) return same;
  if (firstAt(org) >= 0) return firstAt(org);

  const levels = from.route.levels.map((l) => l.orgUnitCode);
  for (const ancestor of levels.slice(levels.indexOf(stage.orgUnitCode) + 1)) {
    const at = firstAt(mapped(ancestor));
    if (at >= 0) return at;
  }
  throw new RerouteError(`No org of the new route takes over from ${stage.name}@${stage.orgUnitCode}`);
}

export interface RerouteInput {
  actor: Actor;
  /** The route computed from the new org chain. */
  route: Route;
  orgChain: string[];
  originOrgUnitCode: string;
  mapping: Record<string, string>;
  reason: string;
  requestId?: string;
}

/** Why the dossier may not be rerouted now, or null; same status-code order as checkAction. */
export function checkReroute(state: DossierState, input: RerouteInput): Rejection | null {
  if (isTerminal(state.status)) {
    return { code: 'INVALID_STATE', message: `Cannot reroute a dossier that is ${state.status}` };
  }
  if (input.actor.role !== 'ADMIN') return { code: 'FORBIDDEN', message: 'Only an ADMIN may reroute a dossier' };
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    return { code: 'INVALID_INPUT', field: 'reason', message: 'A reason is required to reroute' };
  }
  if (!input.route || !Array.isArray(input.route.stages) || input.route.stages.length === 0) {
    return { code: 'INVALID_INPUT', field: 'route', message: 'route must have stages' };
  }
  if (!Array.isArray(input.orgChain) || input.orgChain[0] !== input.originOrgUnitCode) {
    return { code: 'INVALID_INPUT', field: 'orgChain', message: 'orgChain must start at originOrgUnitCode' };
  }
  try {
    rerouteStageIndex(state, input.route, input.mapping ?? {});
  } catch (e) {
    return { code: 'INVALID_INPUT', field: 'route', message: (e as Error).message };
  }
  return null;
}

/** Applies a reroute `checkReroute` accepted: the dossier keeps its status and history, on its new route. */
export function applyReroute(state: DossierState, input: RerouteInput, now: Date): TransitionEvent {
  const fromStage = stageLabel(state);
  const oldRoute = state.route.stages.map((s) => `${s.name}@${s.orgUnitCode}`).join(' → ');
  state.stageIndex = rerouteStageIndex(state, input.route, input.mapping ?? {});
  state.route = input.route;
  state.orgChain = [...input.orgChain];
  state.originOrgUnitCode = input.originOrgUnitCode;
  state.seq += 1;
  state.updatedAt = now.toISOString();
  return {
    dossierId: state.dossierId,
    seq: state.seq,
    action: 'reroute',
    actor: input.actor,
    fromStatus: state.status,
    toStatus: state.status,
    fromStage,
    toStage: stageLabel(state),
    reason: input.reason.trim(),
    comment: `route ${oldRoute} ⇒ ${input.route.stages.map((s) => `${s.name}@${s.orgUnitCode}`).join(' → ')}`,
    requestId: input.requestId ?? null,
    occurredAt: now.toISOString(),
    state: structuredCloneState(state),
  };
}
