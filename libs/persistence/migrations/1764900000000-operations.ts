import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Long operations over many dossiers (issue 14: a list of nominations, one action on many dossiers, a decision,
 * a reorganisation), each run by a workflow of its own (workflows/operation.workflow.ts). An item's input and
 * result are JSON kept as text: whatever a request carried can be stored (jsonb refuses some strings).
 */
export class Operations1764900000000 implements MigrationInterface {
  name = 'Operations1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operations (
        id uuid PRIMARY KEY,
        kind varchar(32) NOT NULL CHECK (kind IN ('NOMINATIONS','ACTIONS','DECISION','REORGANISATION')),
        -- What a retried request is recognised by (its Idempotency-Key, or the decision it records).
        scope varchar(400) NOT NULL,
        -- The decision or the reorganisation the operation carries out.
        subject_id uuid NULL,
        -- The caller, as the items act: an AuthUser.
        actor text NOT NULL,
        actor_username varchar(128) NOT NULL,
        org_unit_code varchar(64) NOT NULL,
        summary text NOT NULL DEFAULT '{}',
        total int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX idx_operations_scope ON operations (scope)`);
    await q.query(`CREATE INDEX idx_operations_subject ON operations (subject_id) WHERE subject_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE operation_items (
        operation_id uuid NOT NULL CONSTRAINT fk_operation_items_operation REFERENCES operations(id) ON DELETE CASCADE,
        position int NOT NULL,
        dossier_id uuid NULL,
        input text NOT NULL,
        ok boolean NULL,
        result text NULL,
        settled_at timestamptz NULL,
        PRIMARY KEY (operation_id, position)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE operation_items`);
    await q.query(`DROP TABLE operations`);
  }
}
