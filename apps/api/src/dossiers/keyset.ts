import { AppError } from '../common/app-error';

/** Opaque keyset cursor: the (timestamp, id) of the last row of the previous page. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      !Number.isNaN(Date.parse(at)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id)
    ) {
      return [at, id];
    }
  } catch {
    // fall through
  }
  throw AppError.field('cursor', 'is not a cursor returned by this API');
}
