import { ValidationError } from './errors.js';

/**
 * Keyset cursors: the sort key of the last row (an instant and an id), opaque to clients: hex of a
 * JSON array, so PostgreSQL can build one too (see the public queries).
 */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('hex');
}

const ID_PATTERNS = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  bigint: /^\d{1,18}$/,
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

const KEY_PATTERNS = { instant: INSTANT, number: /^-?\d+(\.\d+)?(e-?\d+)?$/i };

/** Decodes and checks a cursor, so a forged one is a 400 naming `cursor`, never a database error. */
export function decodeCursor(cursor: string, idKind: keyof typeof ID_PATTERNS = 'uuid', keyKind: keyof typeof KEY_PATTERNS = 'instant'): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'hex').toString('utf8'));
    if (
      Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' &&
      KEY_PATTERNS[keyKind].test(key[0]) && (keyKind !== 'instant' || !Number.isNaN(Date.parse(key[0]))) && ID_PATTERNS[idKind].test(key[1])
    ) return [key[0], key[1]];
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: 'cursor', message: 'Invalid cursor: pass back a nextCursor exactly as returned' }]);
}
