import { requiredYes, type Tally } from './council';
import type { NomineeKind, OrgLevel, Role } from './org';
import type { PassageRecord, StageDeadline } from './deadlines';
import type { Route, RouteStage } from './route';

/**
 * The dossier's state machine, as pure functions. The workflow owns the state and calls these from its
 * Update validators and handlers; the API calls `allowedActions` to tell a caller what they may do. One
 * implementation for both sides, so they cannot disagree.
 */
export const DOSSIER_STATUSES = ['DRAFT', 'IN_PROGRESS', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];
export const TERMINAL_STATUSES: readonly DossierStatus[] = ['APPROVED', 'REJECTED', 'WITHDRAWN'];

export const DOSSIER_ACTIONS = ['submit', 'approve', 'return', 'resubmit', 'reject', 'withdraw', 'decide'] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];
/** Every event in the log: the actions, the creation of the draft, a deadline extension and a reorganisation's reroute. */
export type DossierEventAction = DossierAction | 'create' | 'extend' | 'reroute';

export interface Actor {
  username: string;
  displayName: string;
  role: Role;
  orgUnitCode: string;
  /** Set when a substitute acts: the user whose role and org unit they act with ("X acting for Y"). */
  actingFor?: string;
}

export interface Nominee {
  kind: NomineeKind;
  name: string;
  /** Position and workplace (chức vụ, đơn vị công tác) for individuals; member count for collectives. */
  position?: string;
  memberCount?: number;
  /** Người lao động trực tiếp: a priority group under Law Art. 5 / Decree 152 Art. 4. */
  directWorker?: boolean;
}

export interface Decision {
  number: string;
  /** YYYY-MM-DD */
  date: string;
  signer: string;
}

export interface ActionInput {
  actor: Actor;
  reason?: string;
  comment?: string;
  decision?: Decision;
  /** The request's idempotency key; also the Update id. */
  requestId?: string;
}

/** The stage a person must act on now: a route stage, or the clerk's own desk while drafting or revising. */
export interface CurrentStage {
  name: RouteStage['name'] | 'DRAFT' | 'SUPPLEMENT';
  index: number | null;
  level: OrgLevel;
  orgUnitCode: string;
  orgUnitName: string;
  role: Role;
  /** When the stage is due (end of its last working day, +07:00); null while the clock is stopped or has none. */
  dueAt: string | null;
}

export interface DossierState {
  dossierId: string;
  awardCode: string;
  awardName: string;
  nominee: Nominee;
  achievementSummary: string;
  originOrgUnitCode: string;
  /** The nominating org and all its ancestors: who may see the dossier. */
  orgChain: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  route: Route;
  status: DossierStatus;
  /** Index into route.stages of the stage in charge (also while RETURNED: the stage that returned it). */
  stageIndex: number;
  lastReason: string | null;
  decision: Decision | null;
  /** Number of events so far; the sequence number of the last event. */
  seq: number;
  /** The clock of the current stage (dossiers started before deadlines existed have none). */
  deadline?: StageDeadline | null;
}

export interface TransitionEvent {
  dossierId: string;
  seq: number;
  action: DossierEventAction;
  actor: Actor;
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  fromStage: string | null;
  toStage: string | null;
  reason: string | null;
  comment: string | null;
  requestId: string | null;
  occurredAt: string;
  /** The state after the event: the projection writes it as the dossier's row. */
  state: DossierState;
  /** The stage passage this transition ended, if it ended one (dossiers with deadlines only). */
  closedPassage?: PassageRecord;
  /** The closed session whose outcome moved the dossier past a COUNCIL stage (`councilOutcome` only). */
  council?: CouncilOutcome;
}

export type RejectionCode = 'INVALID_STATE' | 'FORBIDDEN' | 'INVALID_INPUT';

export interface Rejection {
  code: RejectionCode;
  message: string;
  field?: string;
}

export function isTerminal(status: DossierStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function currentStage(state: DossierState): CurrentStage | null {
  if (isTerminal(state.status)) return null;
  if (state.status === 'DRAFT' || state.status === 'RETURNED') {
    const origin = state.route.levels[0];
    return {
      name: state.status === 'DRAFT' ? 'DRAFT' : 'SUPPLEMENT',
      index: null,
      level: origin.level,
      orgUnitCode: origin.orgUnitCode,
      orgUnitName: origin.orgUnitName,
      role: 'CLERK',
      dueAt: null,
    };
  }
  const s = state.route.stages[state.stageIndex];
  return {
    name: s.name,
    index: s.index,
    level: s.level,
    orgUnitCode: s.orgUnitCode,
    orgUnitName: s.orgUnitName,
    role: s.role,
    dueAt: state.deadline && state.deadline.stageIndex === s.index ? state.deadline.dueAt : null,
  };
}

/** "APPRAISAL@lang-son": how a stage is named in the event log. */
export function stageLabel(state: DossierState): string | null {
  const stage = currentStage(state);
  return stage ? `${stage.name}@${stage.orgUnitCode}` : null;
}

const STATUSES_FOR: Record<DossierAction, readonly DossierStatus[]> = {
  submit: ['DRAFT'],
  resubmit: ['RETURNED'],
  withdraw: ['DRAFT', 'IN_PROGRESS', 'RETURNED'],
  approve: ['IN_PROGRESS'],
  return: ['IN_PROGRESS'],
  reject: ['IN_PROGRESS'],
  decide: ['IN_PROGRESS'],
};

function isAtStage(state: DossierState, actor: Actor): boolean {
  const stage = currentStage(state);
  return stage !== null && actor.role === stage.role && actor.orgUnitCode === stage.orgUnitCode;
}

function isDecisionStage(state: DossierState): boolean {
  return state.status === 'IN_PROGRESS' && state.route.stages[state.stageIndex].name === 'DECISION';
}

function isCouncilStage(state: DossierState): boolean {
  return state.status === 'IN_PROGRESS' && state.route.stages[state.stageIndex].name === 'COUNCIL';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDecision(decision: Decision | undefined): Rejection | null {
  if (!decision)
    return { code: 'INVALID_INPUT', field: 'decision', message: 'decision is required at the decision stage' };
  for (const key of ['number', 'date', 'signer'] as const) {
    if (typeof decision[key] !== 'string' || decision[key].trim() === '') {
      return { code: 'INVALID_INPUT', field: `decision.${key}`, message: `decision.${key} is required` };
    }
  }
  if (!DATE.test(decision.date) || Number.isNaN(Date.parse(decision.date))) {
    return { code: 'INVALID_INPUT', field: 'decision.date', message: 'decision.date must be a date YYYY-MM-DD' };
  }
  return null;
}

/**
 * Why `action` may not be applied now, or null if it may. Order matters for the caller's status code: an
 * action the dossier's status or stage does not allow at all is INVALID_STATE (409) whoever asks; then the
 * caller must be the one the stage waits on (403); then the input must be complete (400).
 */
export function checkAction(state: DossierState, action: DossierAction, input: ActionInput): Rejection | null {
  if (!STATUSES_FOR[action].includes(state.status)) {
    return { code: 'INVALID_STATE', message: `Cannot ${action} a dossier that is ${state.status}` };
  }
  if (action === 'approve' && isCouncilStage(state)) {
    return {
      code: 'INVALID_STATE',
      message:
        `Cannot approve at stage ${stageLabel(state)}: a council stage passes only by the outcome of a closed ` +
        `council session (POST /councils/sessions to open one, POST /councils/sessions/{id}/close to close it)`,
    };
  }
  if (action === 'decide' && !isDecisionStage(state)) {
    return {
      code: 'INVALID_STATE',
      message: `Cannot decide at stage ${stageLabel(state)}: only the decision stage decides`,
    };
  }
  const { actor } = input;
  const origin = state.originOrgUnitCode;
  const allowed =
    action === 'withdraw'
      ? actor.orgUnitCode === origin && (actor.role === 'CLERK' || actor.role === 'APPROVER')
      : isAtStage(state, actor);
  if (!allowed) {
    const stage = currentStage(state);
    const who =
      action === 'withdraw' ? `the CLERK or APPROVER of ${origin}` : `the ${stage?.role} of ${stage?.orgUnitCode}`;
    return { code: 'FORBIDDEN', message: `Only ${who} may ${action} this dossier now` };
  }
  if (action === 'return' || action === 'reject') {
    if (typeof input.reason !== 'string' || input.reason.trim() === '') {
      return { code: 'INVALID_INPUT', field: 'reason', message: `A reason is required to ${action}` };
    }
  }
  if (action === 'decide' || (action === 'approve' && isDecisionStage(state))) {
    return checkDecision(input.decision);
  }
  return null;
}

/** The actions `actor` may take now (input completeness aside). */
export function allowedActions(state: DossierState, actor: Actor): DossierAction[] {
  const probe: ActionInput = { actor, reason: 'x', decision: { number: 'x', date: '2000-01-01', signer: 'x' } };
  return DOSSIER_ACTIONS.filter((action) => checkAction(state, action, probe) === null);
}

export interface CreateDossierInput {
  dossierId: string;
  awardCode: string;
  awardName: string;
  nominee: Nominee;
  achievementSummary: string;
  originOrgUnitCode: string;
  orgChain: string[];
  route: Route;
  createdBy: Actor;
  requestId?: string;
}

export function createDossier(input: CreateDossierInput, now: Date): TransitionEvent {
  const at = now.toISOString();
  const state: DossierState = {
    dossierId: input.dossierId,
    awardCode: input.awardCode,
    awardName: input.awardName,
    nominee: input.nominee,
    achievementSummary: input.achievementSummary,
    originOrgUnitCode: input.originOrgUnitCode,
    orgChain: input.orgChain,
    createdBy: input.createdBy.username,
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    route: input.route,
    status: 'DRAFT',
    stageIndex: 0,
    lastReason: null,
    decision: null,
    seq: 1,
  };
  return {
    dossierId: input.dossierId,
    seq: 1,
    action: 'create',
    actor: input.createdBy,
    fromStatus: null,
    toStatus: 'DRAFT',
    fromStage: null,
    toStage: stageLabel(state),
    reason: null,
    comment: null,
    requestId: input.requestId ?? null,
    occurredAt: at,
    state: structuredCloneState(state),
  };
}

/**
 * Applies an action that `checkAction` accepted; mutates `state` and returns the event. Resubmission
 * re-enters the stage that returned the dossier, not the start of the route.
 */
export function applyAction(
  state: DossierState,
  action: DossierAction,
  input: ActionInput,
  now: Date,
): TransitionEvent {
  const fromStatus = state.status;
  const fromStage = stageLabel(state);
  const last = state.route.stages.length - 1;
  switch (action) {
    case 'submit':
      state.status = 'IN_PROGRESS';
      state.stageIndex = 0;
      state.submittedAt = now.toISOString();
      break;
    case 'resubmit':
      state.status = 'IN_PROGRESS';
      break;
    case 'approve':
    case 'decide':
      if (state.stageIndex >= last) {
        state.status = 'APPROVED';
        state.decision = input.decision ?? null;
      } else {
        state.stageIndex += 1;
      }
      break;
    case 'return':
      state.status = 'RETURNED';
      break;
    case 'reject':
      state.status = 'REJECTED';
      break;
    case 'withdraw':
      state.status = 'WITHDRAWN';
      break;
  }
  state.seq += 1;
  state.updatedAt = now.toISOString();
  state.lastReason = input.reason?.trim() || null;
  return {
    dossierId: state.dossierId,
    seq: state.seq,
    action,
    actor: input.actor,
    fromStatus,
    toStatus: state.status,
    fromStage,
    toStage: stageLabel(state),
    reason: input.reason?.trim() || null,
    comment: input.comment?.trim() || null,
    requestId: input.requestId ?? null,
    occurredAt: now.toISOString(),
    state: structuredCloneState(state),
  };
}

// Events carry a snapshot, not a live reference, so later transitions cannot rewrite a queued event.
export function structuredCloneState(state: DossierState): DossierState {
  return JSON.parse(JSON.stringify(state)) as DossierState;
}

export interface ExtendDeadlineInput {
  actor: Actor;
  reason: string;
  /** Working days to add to the current due day; or */
  days?: number;
  /** the new due day, YYYY-MM-DD (a day off runs on to the next working day). */
  newDueDate?: string;
  comment?: string;
  requestId?: string;
}

/**
 * Why a deadline extension may not be granted now, or null. Only the APPROVER of the org the stage sits at
 * extends, only a running clock, only forward, and always with a reason; same status-code order as checkAction.
 */
export function checkExtension(state: DossierState, input: ExtendDeadlineInput): Rejection | null {
  const stage = currentStage(state);
  if (state.status !== 'IN_PROGRESS' || !stage || !state.deadline || state.deadline.stageIndex !== stage.index) {
    return { code: 'INVALID_STATE', message: `No running deadline to extend on a dossier that is ${state.status}` };
  }
  if (input.actor.role !== 'APPROVER' || input.actor.orgUnitCode !== stage.orgUnitCode) {
    return { code: 'FORBIDDEN', message: `Only the APPROVER of ${stage.orgUnitCode} may extend this deadline` };
  }
  if (typeof input.reason !== 'string' || input.reason.trim() === '') {
    return { code: 'INVALID_INPUT', field: 'reason', message: 'A reason is required to extend a deadline' };
  }
  const hasDays = input.days !== undefined && input.days !== null;
  const hasDate = input.newDueDate !== undefined && input.newDueDate !== null;
  if (hasDays === hasDate) {
    return { code: 'INVALID_INPUT', field: 'days', message: 'Give either days or newDueDate' };
  }
  if (hasDays && (!Number.isInteger(input.days) || input.days! < 1 || input.days! > 365)) {
    return { code: 'INVALID_INPUT', field: 'days', message: 'days must be an integer 1–365' };
  }
  if (hasDate) {
    if (
      typeof input.newDueDate !== 'string' ||
      !DATE.test(input.newDueDate) ||
      Number.isNaN(Date.parse(input.newDueDate))
    ) {
      return { code: 'INVALID_INPUT', field: 'newDueDate', message: 'newDueDate must be a date YYYY-MM-DD' };
    }
    if (input.newDueDate <= state.deadline.dueDate) {
      return {
        code: 'INVALID_INPUT',
        field: 'newDueDate',
        message: `newDueDate must be after the current due day ${state.deadline.dueDate}`,
      };
    }
  }
  return null;
}

/** The log entry of an extension already applied to `state.deadline`. */
export function extensionEvent(
  state: DossierState,
  input: ExtendDeadlineInput,
  fromDueDate: string,
  now: Date,
): TransitionEvent {
  state.seq += 1;
  state.updatedAt = now.toISOString();
  const label = stageLabel(state);
  return {
    dossierId: state.dossierId,
    seq: state.seq,
    action: 'extend',
    actor: input.actor,
    fromStatus: state.status,
    toStatus: state.status,
    fromStage: label,
    toStage: label,
    reason: input.reason.trim(),
    comment: `due ${fromDueDate} → ${state.deadline!.dueDate}${input.comment?.trim() ? `: ${input.comment.trim()}` : ''}`,
    requestId: input.requestId ?? null,
    occurredAt: now.toISOString(),
    state: structuredCloneState(state),
  };
}

/**
 * What a closed council session decided about one dossier, as the session's close sends it to the workflow
 * (the `councilOutcome` Update). The workflow checks the tally's arithmetic itself, so a COUNCIL stage moves
 * on only with a tally that reaches its threshold, a session and its minutes.
 */
export interface CouncilOutcome {
  sessionId: string;
  /** The session's title, as the dossier's history names it for people. */
  title: string;
  /** PASSED moves the dossier on; RETURNED or REJECTED when the tally fell short or a quota blocked it. */
  result: 'PASSED' | 'RETURNED' | 'REJECTED';
  tally: Tally;
  /** The threshold rule the tally was counted against (libs/domain/council.ts). */
  threshold: { code: string; percent: number; strict: boolean };
  /** SHA-256 of the session's minutes (biên bản), stored in the document store. */
  minutesSha256: string;
}

export interface CouncilOutcomeInput extends ActionInput {
  council: CouncilOutcome;
}

const SHA256 = /^[0-9a-f]{64}$/;
const COUNCIL_RESULTS: readonly CouncilOutcome['result'][] = ['PASSED', 'RETURNED', 'REJECTED'];

/** The state-machine action a council's result stands for. */
export function councilAction(result: CouncilOutcome['result']): 'approve' | 'return' | 'reject' {
  return result === 'PASSED' ? 'approve' : result === 'RETURNED' ? 'return' : 'reject';
}

/**
 * Why a council outcome may not be applied now, or null: the dossier must wait at a COUNCIL stage, the
 * caller be that council's secretary, and the outcome complete and consistent (the tally adds up to the
 * members, its required count is the threshold's, and only a tally that reaches it passes). A return or a
 * rejection needs its reason, as from a person.
 */
export function checkCouncilOutcome(state: DossierState, input: CouncilOutcomeInput): Rejection | null {
  if (!isCouncilStage(state)) {
    return {
      code: 'INVALID_STATE',
      message: `No council waits on a dossier that is ${state.status} at ${stageLabel(state) ?? 'no stage'}`,
    };
  }
  const stage = currentStage(state)!;
  if (input.actor.role !== 'COUNCIL' || input.actor.orgUnitCode !== stage.orgUnitCode) {
    return { code: 'FORBIDDEN', message: `Only the council secretary of ${stage.orgUnitCode} closes its session` };
  }
  const c = input.council;
  const bad = (field: string, message: string): Rejection => ({
    code: 'INVALID_INPUT',
    field: `council.${field}`,
    message,
  });
  if (!c || typeof c !== 'object') return { code: 'INVALID_INPUT', field: 'council', message: 'council is required' };
  if (typeof c.sessionId !== 'string' || c.sessionId.trim() === '') return bad('sessionId', 'the session is required');
  if (typeof c.title !== 'string' || c.title.trim() === '') return bad('title', "the session's title is required");
  if (!COUNCIL_RESULTS.includes(c.result)) return bad('result', `result must be one of ${COUNCIL_RESULTS.join(', ')}`);
  if (typeof c.minutesSha256 !== 'string' || !SHA256.test(c.minutesSha256)) {
    return bad('minutesSha256', 'the minutes must be a stored document (SHA-256, 64 hex digits)');
  }
  const th = c.threshold;
  if (!th || typeof th.code !== 'string' || !Number.isInteger(th.percent) || th.percent < 1 || th.percent > 100) {
    return bad('threshold', 'the threshold rule is required (code, percent 1–100, strict)');
  }
  const t = c.tally;
  const counts = t ? [t.members, t.yes, t.no, t.abstain, t.notVoted] : [];
  if (!t || counts.some((n) => !Number.isInteger(n) || n < 0) || t.members < 1) {
    return bad('tally', 'the tally is required (members, yes, no, abstain, notVoted)');
  }
  if (t.yes + t.no + t.abstain + t.notVoted !== t.members) {
    return bad('tally', 'the votes and the members who did not vote must add up to the members');
  }
  const required = requiredYes({ percent: th.percent, strict: th.strict === true }, t.members);
  if (t.required !== required || t.passed !== t.yes >= required) {
    return bad('tally', `the tally does not follow its threshold: ${required} yes of ${t.members} needed`);
  }
  if (c.result === 'PASSED' && !t.passed) {
    return bad('result', `the tally did not pass: ${t.yes} yes of ${t.members}, ${required} needed`);
  }
  if (c.result !== 'PASSED' && (typeof input.reason !== 'string' || input.reason.trim() === '')) {
    return {
      code: 'INVALID_INPUT',
      field: 'reason',
      message: `A reason is required when the council does not pass it`,
    };
  }
  return null;
}

/** Applies a council outcome that `checkCouncilOutcome` accepted: the action it stands for, with the session. */
export function applyCouncilOutcome(state: DossierState, input: CouncilOutcomeInput, now: Date): TransitionEvent {
  const c = input.council;
  const t = c.tally;
  // Names, not codes: the session by its title (its id, rule and minutes stay in the workflow's history).
  const record = `Phiên họp “${c.title.trim()}”: đồng ý ${t.yes}/${t.members}, cần ${t.required}`;
  const comment = input.comment?.trim() ? `${input.comment.trim()} — ${record}` : record;
  const event = applyAction(state, councilAction(c.result), { ...input, comment }, now);
  event.council = JSON.parse(JSON.stringify(c)) as CouncilOutcome;
  return event;
}
