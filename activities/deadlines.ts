import { markDirtySql } from '../libs/persistence/summaries';
import type { DataSource } from 'typeorm';
import {
  TIME_LIMIT_RULES,
  type AlertKind,
  type DeadlineRules,
  type StageDeadline,
  type TimeLimitRuleSet,
} from '../libs/domain/deadlines';
import type { CurrentStage, DossierState } from '../libs/domain/dossier-machine';
import { upsertOpenPassage } from './projection';
import { loadAnnouncements } from '../libs/persistence/calendar';
import type { Mailer } from './mailer';
import { deliverPending } from './notifications';

export interface DeadlineAlertInput {
  dossierId: string;
  awardName: string;
  nomineeName: string;
  passage: number;
  kind: AlertKind;
  sequence: number;
  stage: CurrentStage;
  dueAt: string;
  /** The instant the alert was planned for (the timer fired then). */
  at: string;
}

/** The time-limit rule sets (code data, versioned) and the calendar announcements stored in PostgreSQL. */
export async function loadDeadlineRules(
  ds: DataSource,
  ruleSets: readonly TimeLimitRuleSet[] = TIME_LIMIT_RULES,
): Promise<DeadlineRules> {
  return { ruleSets: JSON.parse(JSON.stringify(ruleSets)), announcements: await loadAnnouncements(ds) };
}

/** Writes the due instant when the clock was planned outside a transition (rules read after the first Updates). */
/** A dossier's current deadline at a version, and its open passage when the state comes along. */
export interface RecordDeadlineInput {
  dossierId: string;
  version: number;
  deadline: StageDeadline | null;
  state?: DossierState;
}

export async function recordDeadline(ds: DataSource, input: RecordDeadlineInput): Promise<void> {
  if (input.state) await upsertOpenPassage(ds, input.state);
  // The due day is counted by the dashboards: the dossier is marked for a recount in this statement, after the open
  // passage above and the due instant are both written.
  await ds.query(
    `WITH d AS (UPDATE dossiers SET current_due_at = $3 WHERE id = $1 AND version = $2) ${markDirtySql('$1')}`,
    [input.dossierId, input.version, input.deadline && !input.deadline.pausedAt ? input.deadline.dueAt : null],
  );
}

/**
 * One reminder or escalation, as in-app notifications: the reminder to the stage's role at its org, an
 * escalation also to that org's APPROVER and LEADER. Idempotent on (dossier, passage, kind, sequence,
 * recipient), so a retried activity notifies once.
 */
export async function raiseDeadlineAlert(ds: DataSource, mailer: Mailer | undefined, a: DeadlineAlertInput) {
  const roles = a.kind === 'REMINDER' ? [a.stage.role] : [...new Set([a.stage.role, 'APPROVER', 'LEADER'])];
  const what = `${a.awardName} – ${a.nomineeName} (${a.stage.name} @ ${a.stage.orgUnitCode})`;
  const title =
    a.kind === 'REMINDER' ? `Sắp đến hạn: ${what}` : `Quá hạn${a.sequence > 1 ? ` (lần ${a.sequence})` : ''}: ${what}`;
  const body =
    `${a.kind === 'REMINDER' ? 'Reminder' : 'Overdue'}: dossier ${a.dossierId}, stage ${a.stage.name} at ` +
    `${a.stage.orgUnitCode} (${a.stage.role}), due ${a.dueAt}.`;
  for (const role of roles) {
    await ds.query(
      `INSERT INTO notifications (recipient_role, recipient_org_code, kind, dossier_id, passage, sequence, stage_name,
         title, body, due_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (dossier_id, passage, kind, sequence, recipient_role, recipient_org_code) DO NOTHING`,
      [role, a.stage.orgUnitCode, a.kind, a.dossierId, a.passage, a.sequence, a.stage.name, title, body, a.dueAt, a.at],
    );
  }
  // Deliver this alert's rows, including those a previous attempt inserted but did not finish mailing.
  const rows: { id: string }[] = await ds.query(
    `SELECT id FROM notifications WHERE dossier_id = $1 AND passage = $2 AND kind = $3 AND sequence = $4`,
    [a.dossierId, a.passage, a.kind, a.sequence],
  );
  await deliverPending(ds, mailer, { ids: rows.map((r) => r.id) });
}
