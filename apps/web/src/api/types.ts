// The shapes the API returns (README "API"). Domain enums come from libs/domain so the two sides share them.
import type {
  CurrentStage,
  Decision,
  DossierAction,
  DossierStatus,
  Nominee,
} from '../../../../libs/domain/dossier-machine';
import type { NomineeKind, OrgLevel, Role } from '../../../../libs/domain/org';
import type { Route } from '../../../../libs/domain/route';

export type { Decision, DossierAction, DossierStatus, Nominee, NomineeKind, OrgLevel, Role, Route };

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  orgUnitCode: string;
  orgUnitName?: string;
}

export interface LoginResponse {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Rotates on every use: the one in hand is good for one refresh. */
  refreshToken: string;
  /** Minutes without input after which the session ends (0: never). */
  idleMinutes: number;
  user: SessionUser;
}

/** A session as this browser keeps it: the login's answer, and when its access token is renewed (epoch ms). */
export interface StoredSession extends LoginResponse {
  renewAt: number;
}

export interface OrgUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
}

export interface Award {
  code: string;
  nameVi: string;
  nameEn: string;
  category: 'TITLE' | 'COMMENDATION' | 'STATE';
  nomineeKinds: NomineeKind[];
  decidingLevels: OrgLevel[];
  decider: string;
  requiredDocuments: { code: string; name: string }[];
  legalBasis: string;
}

/**
 * The stage in charge. `dueAt` (ISO) is optional: the deadline feature adds it; pages show it when present.
 */
export type StageView = Pick<CurrentStage, 'name' | 'level' | 'orgUnitCode' | 'role'> &
  Partial<Pick<CurrentStage, 'index' | 'orgUnitName'>> & { dueAt?: string | null };

export interface DossierEvent {
  seq: number;
  action: DossierAction | 'create';
  actor: { username: string; displayName: string; role: Role; orgUnitCode: string };
  fromStatus: DossierStatus | null;
  toStatus: DossierStatus;
  fromStage: string | null;
  toStage: string | null;
  reason: string | null;
  comment: string | null;
  occurredAt: string;
}

export interface DossierView {
  id: string;
  workflowId: string;
  awardCode: string;
  awardName: string;
  nominee: Nominee;
  achievementSummary: string;
  originOrgUnitCode: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  route: Route;
  status: DossierStatus;
  lastReason: string | null;
  decision: Decision | null;
  version: number;
  currentStage: StageView | null;
  allowedActions: DossierAction[];
  history: DossierEvent[];
  /** At a COUNCIL stage: the dossier waits for a council session, and the open one it is on, if any. */
  council?: { waitingForSession: true; session: { id: string; title: string } | null } | null;
}

export interface DossierSummary {
  id: string;
  awardCode: string;
  awardName: string;
  nominee: { kind: NomineeKind; name: string };
  originOrgUnitCode: string;
  status: DossierStatus;
  currentStage: StageView | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CreateDossierInput {
  awardCode: string;
  nominee: Nominee;
  achievementSummary: string;
}

export interface ActionBody {
  comment?: string;
  reason?: string;
  decision?: Decision;
}

export interface DocumentVersion {
  id: string;
  docType: string;
  version: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface ChecklistItem {
  code: string;
  name: string;
  /** false for the council's own minutes, which the council session produces. */
  dueAtSubmission: boolean;
  current: DocumentVersion | null;
  versions: DocumentVersion[];
}

/** GET /dossiers/:id/documents: the award's papers, what is attached, what submission still misses. */
export interface Checklist {
  dossierId: string;
  items: ChecklistItem[];
  missing: string[];
  maxBytes: number;
  acceptedTypes: string[];
}

export interface CriterionResult {
  code: string;
  description: string;
  legalBasis: string;
  hard: boolean;
  met: boolean;
  detail: string;
}

/** GET /dossiers/:id/eligibility: each criterion of the award in force on `asOf`. */
export interface EligibilityView {
  dossierId: string;
  awardCode: string;
  asOf: string;
  achievementYear: number;
  nomineeId: string | null;
  /** false when the dossier names no registry nominee: nothing could be judged. */
  evaluated: boolean;
  eligible: boolean;
  results: CriterionResult[];
  unmetHard: CriterionResult[];
  warnings: CriterionResult[];
}

export interface ExtendDeadlineInput {
  reason: string;
  days?: number;
  newDueDate?: string;
  comment?: string;
}

export interface ItemError {
  error: string;
  message: string;
  fields?: { field: string; message: string }[];
}

/**
 * A long operation (POST /dossiers/actions, /dossiers/batch, /decisions, a reorganisation): the request answers
 * 202 with it at once, GET /operations/:id follows it; `results` holds the items settled so far.
 */
export interface OperationView {
  id: string;
  kind: 'NOMINATIONS' | 'ACTIONS' | 'DECISION' | 'REORGANISATION';
  total: number;
  /** Items settled (done or failed). */
  done: number;
  failed: number;
  complete: boolean;
  results: {
    position: number;
    ok: boolean;
    status: number;
    id?: string;
    dossierId?: string;
    dossierStatus?: string;
    error?: ItemError;
  }[];
  links: { self: string };
}

export type Vote = 'YES' | 'NO' | 'ABSTAIN';

export interface Tally {
  members: number;
  yes: number;
  no: number;
  abstain: number;
  notVoted: number;
  required: number;
  passed: boolean;
}

export type CouncilOutcome = 'APPROVED' | 'RETURNED' | 'REJECTED' | 'QUOTA_EXCEEDED' | 'FAILED';

export interface CouncilSessionSummary {
  id: string;
  orgUnitCode: string;
  title: string;
  status: 'OPEN' | 'CLOSED';
  secretBallot: boolean;
  memberCount: number;
  openedAt: string;
  closedAt: string | null;
  itemCount: number;
  /** Members only: the session's dossiers that still wait for their own vote. */
  awaitingMyVote?: number;
}

export interface CouncilItem {
  dossierId: string;
  awardCode: string;
  awardName: string;
  nomineeName: string;
  secret: boolean;
  threshold: { code: string; percent: number; strict: boolean; legalBasis: string; status: string };
  votesCast: number;
  /** null while a secret ballot is open: the API does not tell anyone the running tally. */
  tally: Tally | null;
  votedByMe?: boolean;
  outcome: CouncilOutcome | null;
  outcomeDetail: string | null;
}

export interface CouncilSession {
  id: string;
  orgUnitCode: string;
  title: string;
  secretBallot: boolean;
  status: 'OPEN' | 'CLOSED';
  memberCount: number;
  openedBy: string;
  openedAt: string;
  closedAt: string | null;
  minutesAvailable: boolean;
  items: CouncilItem[];
  /** Once closed: how far the close workflow has moved the session's dossiers. */
  closing?: { workflowId: string; total: number; done: number; complete: boolean } | null;
}

export interface DashboardSummary {
  asOf: string;
  scope: string | null;
  total: number;
  overdue: number;
  byStatus: Record<DossierStatus, number>;
  inProgressByStage: { key: string; count: number; overdue: number }[];
  inProgressByLevel: { key: string; count: number; overdue: number }[];
}

export interface OverdueItem {
  id: string;
  nomineeName: string;
  stage: string;
  orgUnitCode: string;
  dueAt: string;
  overdueWorkingDays: number;
}

export interface Bottleneck {
  stage: string;
  orgUnitCode: string;
  level: string;
  waiting: number;
  completedPassages: number;
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  returnRate: number | null;
}

export interface ThroughputRow {
  period: string;
  submitted: number;
  decided: number;
  returned: number;
}

export interface PriorityShareRow {
  period: string;
  orgUnitCode: string | null;
  approved: number;
  directWorkers: number;
  smallCollectives: number;
  priorityShare: number | null;
}

/** GET /dossiers filters beyond status and award: the dashboards' drill-downs. */
export interface DossierFilters {
  status?: DossierStatus;
  award?: string;
  overdue?: 'true';
  orgUnit?: string;
  stage?: string;
  origin?: string;
  throughStage?: string;
  throughOrgUnit?: string;
  event?: 'submitted' | 'decided' | 'returned';
  from?: string;
  to?: string;
}

/** GET /notifications: a reminder, an escalation or a digest addressed to the user's role at their org. */
export interface NotificationView {
  id: string;
  kind: 'REMINDER' | 'ESCALATION' | 'DIGEST';
  dossierId: string | null;
  stageName: string | null;
  title: string;
  body: string | null;
  dueAt: string | null;
  createdAt: string;
  readAt: string | null;
  nomineeName: string | null;
  awardCode: string | null;
  orgUnitName: string | null;
}

/** GET /campaigns: a call for nominations (đợt thi đua) that reaches the user, with its window. */
export interface Campaign {
  code: string;
  name: string;
  kind: 'ANNUAL' | 'THEMATIC' | 'AD_HOC';
  opensOn: string;
  closesOn: string;
  awardCodes: string[];
  orgUnitCode: string;
}
