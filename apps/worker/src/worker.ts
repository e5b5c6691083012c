import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { openDataSource } from '../../../libs/persistence/data-source';
import { ensureSearchAttributes } from '../../../libs/temporal/search-attributes';

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  databasePoolSize?: number;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkflowBundleWithSourceMap | { codePath: string };
}

export interface RunningWorker {
  worker: Worker;
  dataSource: DataSource;
  /** Resolves when the worker has stopped polling, finished its tasks and released its connections. */
  done: Promise<void>;
  shutdown(): Promise<void>;
}

export const WORKFLOWS_PATH = require.resolve('../../../workflows');

export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    logger: {
      log: () => undefined,
      info: () => undefined,
      warn: console.warn,
      error: console.error,
      debug: () => undefined,
      trace: () => undefined,
    } as never,
  });
}

/**
 * Starts a worker for the dossier workflows and activities. Shutdown stops polling, lets running tasks
 * finish, then closes the database and Temporal connections.
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const client = await Connection.connect({ address: config.temporalAddress });
  try {
    await ensureSearchAttributes(client, config.namespace);
  } finally {
    await client.close();
  }
  const dataSource = await openDataSource(config.databaseUrl, {
    poolSize: config.databasePoolSize ?? 10,
    applicationName: 'dossier-worker',
  });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    ...(config.workflowBundle ? { workflowBundle: config.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({ dataSource }),
  });
  const done = worker.run().finally(async () => {
    await connection.close();
    await dataSource.destroy();
  });
  return {
    worker,
    dataSource,
    done,
    shutdown: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
