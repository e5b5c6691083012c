import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Out-of-office substitution (ủy quyền): a user names a substitute for a period of calendar days. */
export class Substitutions1764500000002 implements MigrationInterface {
  name = 'Substitutions1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE substitutions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        principal_id uuid NOT NULL CONSTRAINT fk_substitutions_principal REFERENCES users(id) ON DELETE CASCADE,
        substitute_id uuid NOT NULL CONSTRAINT fk_substitutions_substitute REFERENCES users(id) ON DELETE CASCADE,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        reason text NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_substitutions_period CHECK (ends_on >= starts_on),
        CONSTRAINT ck_substitutions_distinct CHECK (principal_id <> substitute_id)
      )`);
    await q.query(`CREATE INDEX idx_substitutions_substitute ON substitutions (substitute_id, starts_on, ends_on)`);
    await q.query(`CREATE INDEX idx_substitutions_principal ON substitutions (principal_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE substitutions`);
  }
}
