import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../libs/devstack/tools';

/**
 * Real processes for the fault tests, started from the compiled build (npm test builds before testing):
 * PostgreSQL (embedded, in a Node child so it can be stopped and started again), the worker and the API.
 * Each can be killed the hard way (SIGKILL) or stopped cleanly.
 */
const dist = (...p: string[]) => join(PROJECT_ROOT, 'dist', ...p);

export function requireBuild(): void {
  for (const f of ['apps/api/main.js', 'apps/worker/main.js', 'libs/devstack/postgres.js']) {
    if (!existsSync(dist(f))) throw new Error(`dist/${f} is missing: run 'npm run build' first (npm test does)`);
  }
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait; SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as in a crash. */
  kill(): Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  child.stderr?.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
  });
  return {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForLine(proc: Proc, pattern: RegExp, what: string, timeoutMs = 120_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = proc.output().match(pattern);
    if (match) return match;
    if (proc.child.exitCode !== null || proc.child.signalCode !== null || Date.now() > deadline) {
      throw new Error(`${what} did not start:\n${proc.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Embedded PostgreSQL in a Node child process: `stop()` shuts the server down; start again on the same dir. */
export async function startPostgresProcess(
  dataDir: string,
  port: number,
  database: string,
): Promise<Proc & { url: string }> {
  const script = `
    const { startEmbeddedPostgres } = require(${JSON.stringify(dist('libs/devstack/postgres.js'))});
    startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: ${JSON.stringify(database)} })
      .then((pg) => {
        console.log('READY ' + pg.url);
        const stop = () => pg.stop().then(() => process.exit(0), () => process.exit(1));
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      })
      .catch((err) => { console.error(err); process.exit(1); });
  `;
  const proc = track(spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] }));
  const [, url] = await waitForLine(proc, /READY (\S+)/, 'PostgreSQL');
  return { ...proc, url };
}

export function startNodeApp(script: 'apps/api/main.js' | 'apps/worker/main.js', env: NodeJS.ProcessEnv): Proc {
  return track(
    spawn(process.execPath, [dist(script)], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }),
  );
}

export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<Proc> {
  const proc = startNodeApp('apps/worker/main.js', env);
  await waitForLine(proc, /Worker polling task queue/, 'worker');
  return proc;
}

export async function startApiProcess(env: NodeJS.ProcessEnv): Promise<Proc> {
  const proc = startNodeApp('apps/api/main.js', env);
  await waitForLine(proc, /API listening on/, 'API');
  return proc;
}
