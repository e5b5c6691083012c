import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { Connection, WorkflowClient } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { createSmtpMailer } from '../../../activities/mailer';
import type { TimeLimitRuleSet } from '../../../libs/domain/deadlines';
import { ensureDashboardWriter } from './dashboard-writer';
import { ensureDigestSchedule } from './digest-schedule';
import { freshPrebuiltBundle } from './prebuilt-bundle';
import { openDataSource } from '../../../libs/persistence/data-source';
import { ensureSearchAttributes } from '../../../libs/temporal/search-attributes';

export interface WorkerConfig {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  databaseUrl: string;
  databasePoolSize?: number;
  /** The sticky cache's size (WORKER_MAX_CACHED_WORKFLOWS, 100 in the worker process); the SDK's default when absent. */
  maxCachedWorkflows?: number;
  /** SMTP for e-mail notifications (smtp://user:pass@host:port); none: in-app notifications only. */
  smtpUrl?: string;
  smtpFrom?: string;
  /** Overrides the shipped time-limit rules (tests). */
  timeLimitRules?: readonly TimeLimitRuleSet[];
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

/** The given bundle, else the fresh prebuilt one from `npm run build`, else bundling at start. */
function workflowCode(given: WorkerConfig['workflowBundle']) {
  if (given) return { workflowBundle: given };
  const prebuilt = freshPrebuiltBundle();
  return prebuilt ? { workflowBundle: { codePath: prebuilt } } : { workflowsPath: WORKFLOWS_PATH };
}

/**
 * Starts a worker for the dossier workflows and activities. Shutdown stops polling, lets running tasks
 * finish, then closes the database and Temporal connections.
 */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const client = await Connection.connect({ address: config.temporalAddress });
  try {
    await ensureSearchAttributes(client, config.namespace);
    await ensureDigestSchedule(client, config.namespace, config.taskQueue);
    await ensureDashboardWriter(client, config.namespace, config.taskQueue);
  } finally {
    await client.close();
  }
  const dataSource = await openDataSource(config.databaseUrl, {
    poolSize: config.databasePoolSize ?? 10,
    applicationName: 'dossier-worker',
  });
  const mailer = config.smtpUrl
    ? createSmtpMailer(config.smtpUrl, config.smtpFrom ?? 'Award Dossier Engine <no-reply@localhost>')
    : undefined;
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  // A client of its own for the activities that send other workflows' Updates (a council session's close).
  const clientConnection = await Connection.connect({ address: config.temporalAddress });
  const workflowClient = new WorkflowClient({ connection: clientConnection, namespace: config.namespace });
  const worker = await Worker.create({
    connection,
    namespace: config.namespace,
    taskQueue: config.taskQueue,
    ...workflowCode(config.workflowBundle),
    ...(config.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: config.maxCachedWorkflows } : {}),
    activities: createActivities({ dataSource, mailer, timeLimitRules: config.timeLimitRules, workflowClient }),
  });
  const done = worker.run().finally(async () => {
    mailer?.close();
    await connection.close();
    await clientConnection.close();
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
