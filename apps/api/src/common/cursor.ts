import { ValidationError } from './errors.js';

/** Keyset cursors: the sort key of the last row, opaque to clients: hex of a JSON array,
 * so PostgreSQL can build one too (see the public queries). */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('hex');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'hex').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) return key as [string, string];
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: 'cursor', message: 'Invalid cursor: pass back a nextCursor exactly as returned' }]);
}
