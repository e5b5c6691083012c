import { createHash } from 'node:crypto';

/**
 * A stable UUID (version 5 layout) for a caller's idempotency key or any other scope: a retried request derives
 * the same id, so it starts no second workflow and creates no second row.
 */
export function idFromKey(userId: string, key: string): string {
  const h = createHash('sha256').update(`${userId}\n${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
