/**
 * `npm start`: the whole system on embedded defaults, in one terminal. Starts (unless the environment
 * points elsewhere) the Temporal dev server and an embedded PostgreSQL, both keeping their data under
 * .data/, applies migrations and the demo seed, then runs the worker and the API as child processes.
 * Ctrl-C stops everything in reverse order; data survives a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { migrate } from '../api/migrate';
import { startEmbeddedPostgres } from '../../libs/devstack/postgres';
import { startTemporalDevServer } from '../../libs/devstack/temporal-server';
import { PROJECT_ROOT } from '../../libs/devstack/tools';

const env = process.env;
const dataDir = env.DATA_DIR ?? join(PROJECT_ROOT, '.data');
const port = Number(env.PORT ?? 3000);
const stops: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

function log(msg: string): void {
  console.log(`[stack] ${msg}`);
}

function runChild(name: string, script: string, childEnv: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', script)], {
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  stops.push({
    name,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  });
  return child;
}

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping…');
    for (const s of stops.reverse()) {
      await s.stop().catch((err: unknown) => log(`${s.name}: ${String(err)}`));
      log(`${s.name} stopped`);
    }
  }
  process.exit(code);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not report healthy within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    const pgPort = Number(env.PG_PORT ?? 54329);
    log(`starting embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${join(dataDir, 'pg')})`);
    const pg = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, database: 'dossiers' });
    stops.push({ name: 'PostgreSQL', stop: pg.stop });
    databaseUrl = pg.url;
  }
  let temporalAddress = env.TEMPORAL_ADDRESS;
  let temporalUi = env.TEMPORAL_UI_URL ?? null;
  if (!temporalAddress) {
    const temporalPort = Number(env.TEMPORAL_PORT ?? 7233);
    const uiPort = Number(env.TEMPORAL_UI_PORT ?? 8233);
    log(`starting the Temporal dev server on 127.0.0.1:${temporalPort} (data in ${join(dataDir, 'temporal.db')})`);
    const temporal = await startTemporalDevServer({ port: temporalPort, uiPort, dbFile: join(dataDir, 'temporal.db') });
    stops.push({ name: 'Temporal dev server', stop: temporal.stop });
    temporalAddress = temporal.address;
    temporalUi = temporal.uiUrl;
  }
  const demoSeed = (env.DEMO_SEED ?? 'true') !== 'false';
  const demoPassword = env.DEMO_PASSWORD ?? 'demo';
  await migrate(databaseUrl, { seed: demoSeed, password: demoPassword });
  log(`database migrated${demoSeed ? ', demo data seeded' : ''}`);

  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: env.NODE_ENV ?? 'development',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(port),
    DEMO_SEED: String(demoSeed),
    DEMO_PASSWORD: demoPassword,
    DOCUMENTS_DIR: env.DOCUMENTS_DIR ?? join(dataDir, 'documents'),
  };
  runChild('worker', 'apps/worker/main.js', childEnv);
  runChild('API', 'apps/api/main.js', childEnv);
  const base = `http://localhost:${port}`;
  await waitForHealth(`${base}/api/v1/health`, 120_000);
  console.log(`
  Award Dossier Engine is up.
    Web app      ${base}/
    API          ${base}/api/v1        (health: ${base}/api/v1/health)
    OpenAPI      ${base}/api/docs
    Temporal UI  ${temporalUi ?? '(external Temporal: see its own UI)'}
  Demo logins: <org code>.<role>, e.g. xa-hoang-van-thu.clerk, van-lang.reviewer, lang-son.council,
  trung-uong.approver, admin — password '${demoSeed ? demoPassword : '(demo seed off)'}'. Ctrl-C stops everything.
`);
}

main().catch(async (err: unknown) => {
  console.error(`[stack] failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
