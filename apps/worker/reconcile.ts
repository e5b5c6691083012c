/**
 * `npm run reconcile [-- --dry-run]`: compares the read model with every dossier workflow and repairs
 * drift (missing or altered rows) from the workflows' own histories. Prints progress and a summary; exits
 * 1 when drift remains (always after --dry-run if any was found).
 */
import { Client, Connection } from '@temporalio/client';
import { validateWorkerEnv } from '../../libs/config/env';
import { openDataSource } from '../../libs/persistence/data-source';
import { reconcile } from './src/reconcile';

async function main(): Promise<void> {
  const env = validateWorkerEnv(process.env);
  const dryRun = process.argv.includes('--dry-run');
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const ds = await openDataSource(env.DATABASE_URL, { poolSize: 2, applicationName: 'dossier-reconcile' });
  try {
    const report = await reconcile({
      client: new Client({ connection, namespace: env.TEMPORAL_NAMESPACE }),
      ds,
      repair: !dryRun,
      onProgress: (n) => {
        if (n % 100 === 0) process.stderr.write(`\r  ${n} workflows checked…`);
      },
    });
    process.stderr.write('\n');
    console.log(
      `Checked ${report.workflows} dossier workflows: ${report.drifted.length} drifted, ${report.repaired} repaired.`,
    );
    for (const d of report.drifted) console.log(`  ${d.dossierId}: ${d.problems.join('; ')}`);
    if (report.orphans.length) console.log(`Rows with no workflow (left as they are): ${report.orphans.length}`);
    process.exitCode = report.drifted.length > report.repaired ? 1 : 0;
  } finally {
    await ds.destroy();
    await connection.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
