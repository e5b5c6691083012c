import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { SA } from '../contracts';
import { toolPath } from './tools';

export interface TemporalDevServerHandle {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs `temporal server start-dev` (the official CLI, installed into .tools/ by scripts/setup.sh). With a
 * database file, workflows survive a restart of the server.
 */
export async function startTemporalDevServer(options: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  namespace?: string;
  onLog?: (line: string) => void;
}): Promise<TemporalDevServerHandle> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--log-level', 'warn'];
  args.push('--namespace', options.namespace ?? 'default');
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFile) args.push('--db-filename', options.dbFile);
  // Eager activities: the server hands an activity the workflow schedules straight back to the worker that
  // completed the workflow task, instead of through a task-queue poll (the projection follows every
  // transition). Off by default in the server; production sets the same dynamic config key.
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true');
  for (const key of Object.values(SA))
    args.push('--search-attribute', `${key.name}=${key.type === 'KEYWORD' ? 'Keyword' : key.type}`);
  // Its own process group: a Ctrl-C in the terminal reaches only our process, which stops the server last.
  const child = spawn(toolPath('temporal'), args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.onLog ?? (() => undefined);
  child.stdout?.on('data', (b: Buffer) => log(b.toString()));
  child.stderr?.on('data', (b: Buffer) => log(b.toString()));
  const address = `127.0.0.1:${options.port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal dev server exited with code ${code}`))),
  );
  exited.catch(() => undefined);
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const connection = await Promise.race([Connection.connect({ address, connectTimeout: 1000 }), exited]);
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      break;
    } catch (err) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`Temporal dev server did not start on ${address}: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
