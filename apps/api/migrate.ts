/**
 * Runs the database migrations, brings the dashboard writer's rules to the code's (a changed small-collective
 * threshold marks every dossier for a recount, which the writer drains), and the reference seed (award catalog); with
 * DEMO_SEED=true also the demo organisations and users. Safe to run on every start.
 */
import { adoptRules } from '../../libs/persistence/summaries';
import { openDataSource } from '../../libs/persistence/data-source';
import { seedDemoData, seedReferenceData } from '../../libs/persistence/seed';
import { validateEnv } from '../../libs/config/env';

export async function migrate(url: string, demo: { seed: boolean; password: string }): Promise<void> {
  const ds = await openDataSource(url, { poolSize: 2, applicationName: 'dossier-migrate' });
  try {
    await ds.runMigrations({ transaction: 'each' });
    // The dashboard writer's rules: a change marks every dossier for a recount, which the writer then drains.
    if (await adoptRules(ds)) console.log('dashboards: counting rules changed; every dossier marked for a recount');
    await seedReferenceData(ds);
    if (demo.seed) await seedDemoData(ds, demo.password);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  const env = validateEnv(process.env);
  migrate(env.DATABASE_URL, { seed: env.DEMO_SEED, password: env.DEMO_PASSWORD })
    .then(() => console.log(`Migrations applied${env.DEMO_SEED ? '; demo data seeded' : ''}`))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
