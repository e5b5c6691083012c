import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The workflow bundle `npm run build` writes beside the compiled code (dist/workflow-bundle.js). Bundling at
 * start runs webpack inside the worker: seconds of CPU and a few hundred MiB of memory at its peak, on every
 * start of every replica. A prebuilt bundle skips that.
 */
export const PREBUILT_BUNDLE_PATH = join(__dirname, '..', '..', '..', 'workflow-bundle.js');

/** The compiled code a bundle is made of: a bundle older than any of it is stale. */
const BUNDLE_INPUTS = ['workflows', 'libs'].map((d) => join(__dirname, '..', '..', '..', d));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The prebuilt bundle's path when it is at least as new as the compiled workflows and libraries (a `tsc`
 * without the bundling step leaves it stale, and then the worker bundles at start as before), else null.
 */
export function freshPrebuiltBundle(
  bundlePath = PREBUILT_BUNDLE_PATH,
  inputs: readonly string[] = BUNDLE_INPUTS,
): string | null {
  if (!existsSync(bundlePath)) return null;
  const built = statSync(bundlePath).mtimeMs;
  for (const dir of inputs) if (existsSync(dir) && newestMtime(dir) > built) return null;
  return bundlePath;
}
