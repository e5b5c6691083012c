/**
 * `npm run build`'s last step for the worker: bundles the workflows once into dist/workflow-bundle.js, which
 * the worker then loads instead of running webpack at every start (apps/worker/src/prebuilt-bundle.ts).
 */
import { writeFileSync } from 'node:fs';
import { PREBUILT_BUNDLE_PATH } from './src/prebuilt-bundle';
import { bundleWorkflows } from './src/worker';

bundleWorkflows()
  .then((bundle) => {
    writeFileSync(PREBUILT_BUNDLE_PATH, bundle.code);
    console.log(`Workflow bundle written: ${PREBUILT_BUNDLE_PATH} (${Math.round(bundle.code.length / 1024)} KiB)`);
  })
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
