import { rmSync } from 'node:fs';
import type { E2EStack } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as Record<string, unknown>).__E2E_STACK__ as E2EStack | undefined;
  if (!stack) return;
  await Promise.allSettled(stack.stops.map((stop) => stop()));
  rmSync(stack.dir, { recursive: true, force: true });
}
