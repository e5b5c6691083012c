/**
 * Starts the real servers the end-to-end tests share: a Temporal dev server and PostgreSQL (embedded, or
 * E2E_DATABASE_URL's), applies the migrations and the demo seed, and bundles the workflows once. Test files
 * find them through environment variables and start their own API and worker against them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../apps/api/migrate';
import { bundleWorkflows } from '../../apps/worker/src/worker';
import { startEmbeddedPostgres } from '../../libs/devstack/postgres';
import { freePort, startTemporalDevServer } from '../../libs/devstack/temporal-server';

export const DEMO_PASSWORD = 'e2e-demo-password';

export interface E2EStack {
  dir: string;
  stops: (() => Promise<void>)[];
}

export default async function globalSetup(): Promise<void> {
  const stack: E2EStack = { dir: mkdtempSync(join(tmpdir(), 'dossier-e2e-')), stops: [] };
  (globalThis as Record<string, unknown>).__E2E_STACK__ = stack;
  try {
    const [temporal, databaseUrl] = await Promise.all([
      startTemporalDevServer({ port: await freePort(), dbFile: join(stack.dir, 'temporal.db') }).then((t) => {
        stack.stops.push(t.stop);
        return t;
      }),
      process.env.E2E_DATABASE_URL ??
        startEmbeddedPostgres({
          dataDir: join(stack.dir, 'pg'),
          port: await freePort(),
          database: 'dossiers_e2e',
        }).then((pg) => {
          stack.stops.push(pg.stop);
          return pg.url;
        }),
    ]);
    await migrate(databaseUrl, { seed: true, password: DEMO_PASSWORD });
    const bundle = await bundleWorkflows();
    const bundlePath = join(stack.dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);
    process.env.E2E_TEMPORAL_ADDRESS = temporal.address;
    process.env.E2E_DATABASE_URL_RESOLVED = databaseUrl;
    process.env.E2E_WORKFLOW_BUNDLE = bundlePath;
    process.env.E2E_DEMO_PASSWORD = DEMO_PASSWORD;
  } catch (err) {
    // Leave no server behind; Jest reports non-Error rejections as "undefined", so wrap them.
    await Promise.allSettled(stack.stops.map((stop) => stop()));
    throw err instanceof Error ? err : new Error(`e2e global setup failed: ${String(err)}`);
  }
}
