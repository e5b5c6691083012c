import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { Client, Connection } from '@temporalio/client';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app';
import { validateEnv } from '../../libs/config/env';
import { startWorker, type RunningWorker, type WorkerConfig } from '../../apps/worker/src/worker';
import { openDataSource } from '../../libs/persistence/data-source';

let runtimeInstalled = false;

export interface TestStack {
  baseUrl: string;
  app: NestExpressApplication;
  worker: RunningWorker;
  db: DataSource;
  temporal: Client;
  demoPassword: string;
  taskQueue: string;
  /** Where this stack's API stores uploaded documents. */
  documentsDir: string;
  close(): Promise<void>;
}

/**
 * The API (listening on a free port, driven over real HTTP) and a worker, both against the servers that
 * global-setup started. Each test file gets its own task queue.
 */
export async function startStack(
  name: string,
  options: Pick<WorkerConfig, 'smtpUrl' | 'timeLimitRules'> & { env?: Record<string, string> } = {},
): Promise<TestStack> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const address = process.env.E2E_TEMPORAL_ADDRESS!;
  const databaseUrl = process.env.E2E_DATABASE_URL_RESOLVED!;
  const taskQueue = `e2e-${name}`;
  const documentsDir = mkdtempSync(join(tmpdir(), `e2e-documents-${name}-`));
  const env = validateEnv({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e',
    DOCUMENTS_DIR: documentsDir,
    DOCUMENTS_MAX_BYTES: String(1024 * 1024),
    ...options.env,
  });
  const worker = await startWorker({
    temporalAddress: address,
    namespace: 'default',
    taskQueue,
    databaseUrl,
    workflowBundle: { codePath: process.env.E2E_WORKFLOW_BUNDLE! },
    smtpUrl: options.smtpUrl,
    timeLimitRules: options.timeLimitRules,
  });
  const app = await createApp(env, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const db = await openDataSource(databaseUrl, { poolSize: 2, applicationName: 'e2e-test' });
  const connection = await Connection.connect({ address });
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    app,
    worker,
    db,
    temporal: new Client({ connection }),
    demoPassword: process.env.E2E_DEMO_PASSWORD!,
    taskQueue,
    documentsDir,
    async close() {
      await app.close();
      await worker.shutdown();
      await db.destroy();
      await connection.close();
    },
  };
}
