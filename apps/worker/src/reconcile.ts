import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { recordDeadline, type RecordDeadlineInput } from '../../../activities/deadlines';
import { projectTransition } from '../../../activities/projection';
import { currentStage, type TransitionEvent } from '../../../libs/domain/dossier-machine';

/**
 * Compares the read model with the workflows and repairs drift. The source of truth is each workflow's own
 * history: every transition it projected (or is projecting) is the input of a queued `recordTransition`
 * activity it scheduled, or — since the issue6-local-activities patch — the result of a local one, in its
 * marker (a local activity's input is not recorded; the activity returns it for that reason). Replaying them,
 * in order, through the same idempotent projection rebuilds exactly what the worker wrote — events with their
 * hash chain, the dossier row, stage passages.
 */
export interface DossierDrift {
  dossierId: string;
  problems: string[];
}

export interface ReconcileReport {
  workflows: number;
  drifted: DossierDrift[];
  repaired: number;
  /** Dossier rows with no workflow behind them (reported, never deleted). */
  orphans: string[];
}

/** The marker Core records for a local activity (sdk-core's LOCAL_ACTIVITY_MARKER_NAME). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

type Step = { kind: 'transition'; event: TransitionEvent } | { kind: 'deadline'; input: RecordDeadlineInput };

async function projectedSteps(client: Client, workflowId: string, runId?: string): Promise<Step[]> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const steps: Step[] = [];
  for (const e of history.events ?? []) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    const marker = e.markerRecordedEventAttributes;
    let name: string | null | undefined;
    let payload: Payload | undefined;
    if (scheduled) {
      name = scheduled.activityType?.name;
      payload = scheduled.input?.payloads?.[0] ?? undefined;
    } else if (marker?.markerName === LOCAL_ACTIVITY_MARKER) {
      // `data` holds Core's record of the call (its activity type), `result` what it returned; a failed
      // attempt has no result, and the queued activity that took over is in the history on its own.
      const data = marker.details?.data?.payloads?.[0];
      name = data
        ? (defaultPayloadConverter.fromPayload<{ activity_type?: string }>(data).activity_type ?? null)
        : null;
      payload = marker.details?.result?.payloads?.[0] ?? undefined;
    }
    if (!payload) continue;
    if (name === 'recordTransition')
      steps.push({ kind: 'transition', event: defaultPayloadConverter.fromPayload(payload) });
    if (name === 'recordDeadline')
      steps.push({ kind: 'deadline', input: defaultPayloadConverter.fromPayload(payload) });
  }
  return steps;
}

async function driftOf(ds: DataSource, last: TransitionEvent): Promise<string[]> {
  const s = last.state;
  const problems: string[] = [];
  const [row] = await ds.query(
    `SELECT version, status, stage_index, current_org_code, current_actor_role FROM dossiers WHERE id = $1`,
    [s.dossierId],
  );
  const [{ n }] = await ds.query(
    `SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND seq BETWEEN 1 AND $2`,
    [s.dossierId, last.seq],
  );
  if (!row) problems.push('no dossier row');
  else {
    const stage = currentStage(s);
    if (row.version < last.seq) problems.push(`row at version ${row.version}, workflow at ${last.seq}`);
    else if (row.version === last.seq) {
      if (row.status !== s.status) problems.push(`status ${row.status}, workflow ${s.status}`);
      if (row.stage_index !== s.stageIndex) problems.push(`stage index ${row.stage_index}, workflow ${s.stageIndex}`);
      if (
        (row.current_org_code ?? null) !== (stage?.orgUnitCode ?? null) ||
        (row.current_actor_role ?? null) !== (stage?.role ?? null)
      ) {
        problems.push('who must act differs from the workflow');
      }
    }
  }
  if (n < last.seq) problems.push(`${last.seq - n} of ${last.seq} events missing`);
  return problems;
}

export async function reconcile(options: {
  client: Client;
  ds: DataSource;
  repair: boolean;
  /** A visibility query narrowing the workflows (default: every dossier workflow). */
  query?: string;
  onProgress?: (done: number) => void;
}): Promise<ReconcileReport> {
  const { client, ds, repair } = options;
  const report: ReconcileReport = { workflows: 0, drifted: [], repaired: 0, orphans: [] };
  const seen = new Set<string>();
  const query = options.query ?? `WorkflowType = 'dossierWorkflow'`;
  for await (const wf of client.workflow.list({ query })) {
    report.workflows += 1;
    const steps = await projectedSteps(client, wf.workflowId, wf.runId);
    const transitions = steps.filter((s): s is Extract<Step, { kind: 'transition' }> => s.kind === 'transition');
    const last = transitions.at(-1)?.event;
    if (last) {
      seen.add(last.dossierId);
      const problems = await driftOf(ds, last);
      if (problems.length > 0) {
        report.drifted.push({ dossierId: last.dossierId, problems });
        if (repair) {
          for (const step of steps) {
            if (step.kind === 'transition') await projectTransition(ds, step.event, { repair: true });
            else await recordDeadline(ds, step.input);
          }
          report.repaired += 1;
        }
      }
    }
    options.onProgress?.(report.workflows);
  }
  if (!options.query) {
    const rows: { id: string }[] = await ds.query(`SELECT id FROM dossiers`);
    report.orphans = rows.map((r) => r.id).filter((id) => !seen.has(id));
  }
  return report;
}
