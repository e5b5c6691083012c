/**
 * The contract between the API and the worker: task queue, workflow id, Update/Query handles and search
 * attributes. Both sides import these same objects, so they cannot drift. Bundled into the workflow
 * sandbox: no Node or Nest imports here.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignKind } from '../domain/campaign';
import type { RerouteInput } from '../domain/reroute';
import type {
  ActionInput,
  CouncilOutcomeInput,
  CreateDossierInput,
  DossierAction,
  DossierState,
  ExtendDeadlineInput,
} from '../domain/dossier-machine';

export const DEFAULT_TASK_QUEUE = 'dossiers';

export const dossierWorkflowId = (dossierId: string): string => `dossier-${dossierId}`;

/**
 * `campaign` is an optional, additive input field: the released workflow ignores it (no patch needed). It is
 * carried so that rules resolved inside the workflow (time limits, shorter for ad hoc nominations) can read
 * the campaign's kind behind a patch of their own.
 */
export type DossierWorkflowInput = CreateDossierInput & { campaign?: { code: string; kind: CampaignKind } };

export const getDossierState = defineQuery<DossierState>('getDossierState');

export const submitUpdate = defineUpdate<DossierState, [ActionInput]>('submit');
export const approveUpdate = defineUpdate<DossierState, [ActionInput]>('approve');
export const returnUpdate = defineUpdate<DossierState, [ActionInput]>('return');
export const resubmitUpdate = defineUpdate<DossierState, [ActionInput]>('resubmit');
export const rejectUpdate = defineUpdate<DossierState, [ActionInput]>('reject');
export const withdrawUpdate = defineUpdate<DossierState, [ActionInput]>('withdraw');
export const decideUpdate = defineUpdate<DossierState, [ActionInput]>('decide');

/** The stage org's APPROVER moves the running deadline (not a state-machine action: the stage stays). */
export const extendDeadlineUpdate = defineUpdate<DossierState, [ExtendDeadlineInput]>('extendDeadline');

/**
 * A reorganisation moves an in-flight dossier to the route of its new org chain (not a state-machine action:
 * the status stays). Adding a handler adds no commands, so histories recorded before it replay unchanged.
 */
export const rerouteUpdate = defineUpdate<DossierState, [RerouteInput]>('reroute');

/**
 * A closed council session's outcome for one dossier at a COUNCIL stage: the only way such a stage passes
 * (`approve` is refused there). A new handler, so histories recorded before it replay unchanged.
 */
export const councilOutcomeUpdate = defineUpdate<DossierState, [CouncilOutcomeInput]>('councilOutcome');

/** Closing a council session is a workflow of its own, one per session (workflows/council-close.workflow.ts). */
export const councilCloseWorkflowId = (sessionId: string): string => `council-close-${sessionId}`;

export interface CouncilCloseProgress {
  sessionId: string;
  /** Dossiers the close moves. */
  total: number;
  /** How many have moved (or failed to) so far. */
  done: number;
  failed: number;
  results: { dossierId: string; outcome: string; detail: string }[];
}
export const getCouncilCloseProgress = defineQuery<CouncilCloseProgress>('getCouncilCloseProgress');

/**
 * The dashboards' single writer (workflows/dashboard-writer.workflow.ts): one long-running workflow per task queue,
 * started by every worker at boot (the first one wins), continued-as-new as its history grows.
 */
export const dashboardWriterWorkflowId = (taskQueue: string): string => `dashboard-writer-${taskQueue}`;

export interface DashboardWriterProgress {
  /** Dossiers recounted since the writer first started (carried across continue-as-new). */
  dossiers: number;
  /** Activity calls of this run. */
  drains: number;
  /** Runs so far (1 + how many times it continued as new). */
  run: number;
}
export const getDashboardWriterProgress = defineQuery<DashboardWriterProgress>('getDashboardWriterProgress');

/** Patch ids of changes to the released dossier workflow (see test/replay). */
export const PATCHES = {
  deadlines: 'issue3-deadlines',
  /** The read model's writes and the rules' read run as local activities first (issue 6, throughput). */
  localActivities: 'issue6-local-activities',
  /** One alert timer kept across transitions, re-armed only when the next alert moves earlier (issue 6). */
  alertTimer: 'issue6-alert-timer',
} as const;

export const ACTION_UPDATES = {
  submit: submitUpdate,
  approve: approveUpdate,
  return: returnUpdate,
  resubmit: resubmitUpdate,
  reject: rejectUpdate,
  withdraw: withdrawUpdate,
  decide: decideUpdate,
} as const satisfies Record<DossierAction, ReturnType<typeof defineUpdate<DossierState, [ActionInput]>>>;

/** Custom search attributes, so Temporal's UI and list filters find dossiers too. */
export const SA = {
  status: defineSearchAttributeKey('DossierStatus', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('DossierStage', SearchAttributeType.KEYWORD),
  level: defineSearchAttributeKey('DossierLevel', SearchAttributeType.KEYWORD),
  orgUnit: defineSearchAttributeKey('DossierOrgUnit', SearchAttributeType.KEYWORD),
  award: defineSearchAttributeKey('DossierAward', SearchAttributeType.KEYWORD),
} as const;

/** Application failure types thrown by Update validators; the API maps each to an HTTP status. */
export const FAILURE_TYPES = {
  INVALID_STATE: 'DossierInvalidState',
  FORBIDDEN: 'DossierForbidden',
  INVALID_INPUT: 'DossierInvalidInput',
} as const;

/** The API's error code for each failure type (409, 403, 400); also how a council close records a refusal. */
export const FAILURE_ERROR_CODES = {
  [FAILURE_TYPES.INVALID_STATE]: 'INVALID_STATE',
  [FAILURE_TYPES.FORBIDDEN]: 'FORBIDDEN',
  [FAILURE_TYPES.INVALID_INPUT]: 'VALIDATION_FAILED',
} as const;

/**
 * A long operation over many dossiers, started by one request (a list of nominations, one action on many
 * dossiers, a decision, a reorganisation): one workflow per operation, id `operation-<operation id>`
 * (workflows/operation.workflow.ts). Its items and their results live in PostgreSQL (`operation_items`), so the
 * workflow's input stays small whatever the items hold; each item is one activity call, safe to repeat.
 */
export type OperationKind = 'NOMINATIONS' | 'ACTIONS' | 'DECISION' | 'REORGANISATION';

export const operationWorkflowId = (operationId: string): string => `operation-${operationId}`;

/**
 * The items of an operation run the API's own service code (a nomination's checks, a dossier's access rule),
 * so their activities are served by a worker inside the API process, on a task queue of their own.
 */
export const operationsTaskQueue = (taskQueue: string): string => `${taskQueue}-api`;

export interface OperationInput {
  operationId: string;
  kind: OperationKind;
  /** The positions to run, in order (0 … items − 1, less those settled when the operation was started). */
  positions: number[];
}

export interface OperationProgress {
  operationId: string;
  kind: OperationKind;
  total: number;
  /** Items settled so far (done or failed). */
  done: number;
  failed: number;
  complete: boolean;
}
export const getOperationProgress = defineQuery<OperationProgress>('getOperationProgress');

/** The activities an operation workflow calls (served by the API's operations worker). */
export interface OperationActivities {
  /** Runs one item, or answers what an earlier attempt recorded; `ok` is false for an item refused. */
  runOperationItem(input: { operationId: string; position: number }): Promise<{ position: number; ok: boolean }>;
  /** Records an item that could not be run after every retry (the database or a service away for long). */
  failOperationItem(input: { operationId: string; position: number; message: string }): Promise<void>;
  /** What follows the items (a decision's PDF), then the operation's end time. */
  finishOperation(input: { operationId: string }): Promise<void>;
}
