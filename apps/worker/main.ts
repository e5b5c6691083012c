import { validateWorkerEnv } from '../../libs/config/env';
import { startWorker } from './src/worker';

/** The worker process: polls the dossier task queue; SIGINT/SIGTERM drain it and exit cleanly. */
async function main(): Promise<void> {
  const env = validateWorkerEnv(process.env);
  const running = await startWorker({
    temporalAddress: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    databaseUrl: env.DATABASE_URL,
    databasePoolSize: env.DATABASE_POOL_SIZE,
    maxCachedWorkflows: env.WORKER_MAX_CACHED_WORKFLOWS,
    smtpUrl: env.SMTP_URL,
    smtpFrom: env.SMTP_FROM,
  });
  console.log(`Worker polling task queue '${env.TEMPORAL_TASK_QUEUE}' on ${env.TEMPORAL_ADDRESS}`);
  await running.done; // the SDK shuts the worker down on SIGINT/SIGTERM
  console.log('Worker stopped');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
