/**
 * The bare Temporal baselines: bench/support/bare.workflow.ts on a worker process of its own (its own task
 * queue, default worker options, one local activity that returns its input), on the same Temporal dev server
 * as the engine, driven by the Temporal client directly with no API in between.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { PROJECT_ROOT } from '../../libs/devstack/tools';
import type { Proc } from '../../test/support/processes';
import type { bareWorkflow } from './bare.workflow';

export interface Bare {
  client: Client;
  taskQueue: string;
  worker: Proc;
  /** A bareWorkflow, or with `shaped` a shapedWorkflow (the engine's Temporal commands without its work). */
  start(steps: number, shaped?: boolean): Promise<WorkflowHandle<typeof bareWorkflow>>;
  step(handle: WorkflowHandle<typeof bareWorkflow>): Promise<number>;
  stop(): Promise<void>;
}

const WORKER_SCRIPT = `
  const { NativeConnection, Worker } = require('@temporalio/worker');
  (async () => {
    const connection = await NativeConnection.connect({ address: process.env.BARE_TEMPORAL_ADDRESS });
    const worker = await Worker.create({
      connection,
      taskQueue: process.env.BARE_TASK_QUEUE,
      workflowsPath: process.env.BARE_WORKFLOWS_PATH,
      activities: { echo: async (n) => n },
    });
    console.log('BARE READY');
    await worker.run();
    await connection.close();
  })().catch((err) => { console.error(err); process.exit(1); });
`;

export async function startBare(name: string): Promise<Bare> {
  const address = process.env.BENCH_TEMPORAL_ADDRESS!;
  const taskQueue = `bare-${name}`;
  const child = spawn(process.execPath, ['-e', WORKER_SCRIPT], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      BARE_TEMPORAL_ADDRESS: address,
      BARE_TASK_QUEUE: taskQueue,
      BARE_WORKFLOWS_PATH: join(PROJECT_ROOT, 'bench', 'support', 'bare.workflow.ts'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  child.stderr.on('data', (b: Buffer) => (out = (out + b.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  while (!out.includes('BARE READY')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`bare worker did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const worker: Proc = {
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
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  return {
    client,
    taskQueue,
    worker,
    start: (steps, shaped = false) =>
      client.workflow.start<typeof bareWorkflow>(shaped ? 'shapedWorkflow' : 'bareWorkflow', {
        taskQueue,
        workflowId: `bare-${randomUUID()}`,
        args: [steps],
      }),
    step: (handle) => handle.executeUpdate('step', { args: [1], updateId: randomUUID() }),
    async stop() {
      await connection.close();
      await worker.stop();
    },
  };
}
