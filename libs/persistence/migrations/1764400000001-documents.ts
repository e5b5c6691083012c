import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Uploaded files, content-addressed by SHA-256 (a blob is written once, whatever the number of dossiers
 * that use it), and each dossier's documents by type with every version kept.
 */
export class Documents1764400000001 implements MigrationInterface {
  name = 'Documents1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE blobs (
        sha256 char(64) PRIMARY KEY,
        size_bytes bigint NOT NULL,
        mime_type varchar(128) NOT NULL,
        store varchar(8) NOT NULL,
        uploaded_by varchar(128) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dossier_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dossier_id uuid NOT NULL,
        doc_type varchar(64) NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        sha256 char(64) NOT NULL CONSTRAINT fk_dossier_documents_blob REFERENCES blobs(sha256) ON DELETE RESTRICT,
        file_name varchar(255) NOT NULL,
        uploaded_by varchar(128) NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_dossier_documents_version ON dossier_documents (dossier_id, doc_type, version)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dossier_documents`);
    await q.query(`DROP TABLE blobs`);
  }
}
