import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trigger-kept dashboard pre-aggregates retired (issue 14): the dashboards read the dashboard writer's summaries
 * (migration 1764800000000), which were filled beside these and compared with them by the dashboard tests.
 * Gone: the triggers on `dossiers`, `stage_passages` and `dossier_events`, their functions, the nation-wide advisory
 * lock they took, the stripes, the tables and `dashboard_settings` (the writer keeps its rules in `summary_writer`).
 *
 * The migrations that built them (1764710000000 to 1764730000001) were squashed when this one was written: each
 * restated the functions of the one before, and a database created now never needs them. So on a database that
 * ran them everything below exists, and on a new one nothing does: hence IF EXISTS throughout. Not reversible (the
 * definitions are no longer in the repository's migrations, only in its history before this migration).
 */
const TRIGGERS: [string, string][] = [
  ['trg_dashboard_0_serialise', 'dossiers'],
  ['trg_dashboard_0_serialise', 'stage_passages'],
  ['trg_dashboard_0_serialise', 'dossier_events'],
  ['trg_dashboard_dossiers', 'dossiers'],
  ['trg_dashboard_events', 'dossier_events'],
  ['trg_dashboard_events_change', 'dossier_events'],
  ['trg_dashboard_classify_passages', 'stage_passages'],
  ['trg_dashboard_passages', 'stage_passages'],
  ['trg_dashboard_truncate_dossiers', 'dossiers'],
  ['trg_dashboard_truncate_stage_passages', 'stage_passages'],
];

const FUNCTIONS = [
  'dashboard_serialise()',
  'dashboard_rebuild()',
  'dashboard_rebuild_unserialised()',
  'dashboard_rebuild_approvals()',
  'dashboard_rebuild_approvals_unserialised()',
  'dashboard_rebuild_passages()',
  'dashboard_on_truncate()',
  'dashboard_on_passage()',
  'dashboard_classify_passage()',
  'dashboard_on_event()',
  'dashboard_on_dossier()',
  'dashboard_sync_passages_of(uuid, text)',
  'dashboard_count_passage(stage_passages, int)',
  'dashboard_passage_class(boolean, text)',
  'dashboard_count_event(dossiers, dossier_events, int)',
  'dashboard_count_events(dossiers, int)',
  'dashboard_count_dossier(dossiers, int)',
  'dashboard_small_collective(text, jsonb, int)',
  'dashboard_scopes(text[])',
];

const TABLES = [
  'dashboard_settings',
  'dashboard_open_passages',
  'dashboard_passage_days',
  'dashboard_approval_months',
  'dashboard_approval_days',
  'dashboard_event_days',
  'dashboard_dossier_counts',
];

export class DashboardTriggersRetired1764800000001 implements MigrationInterface {
  name = 'DashboardTriggersRetired1764800000001';

  async up(q: QueryRunner): Promise<void> {
    for (const [trigger, table] of TRIGGERS) await q.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
    for (const fn of FUNCTIONS) await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    for (const table of TABLES) await q.query(`DROP TABLE IF EXISTS ${table}`);
    await q.query(`ALTER TABLE stage_passages DROP COLUMN IF EXISTS dashboard_waiting`);
  }

  async down(): Promise<void> {
    throw new Error('DashboardTriggersRetired1764800000001 is not reversible: the trigger-kept aggregates are retired');
  }
}
