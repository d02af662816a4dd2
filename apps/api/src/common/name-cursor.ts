import { ValidationError } from './errors.js';

/**
 * Keyset cursors for lists ordered by a text key (a folded name) and a uuid, the same encoding as
 * `cursor.ts` (hex of a JSON array) so PostgreSQL can build one too: encode(convert_to(
 * json_build_array(sort_name, id)::text, 'UTF8'), 'hex').
 */
export function encodeNameCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('hex');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Decodes and checks a cursor: a forged one is a 400 naming `cursor`, never a database error. */
export function decodeNameCursor(cursor: string): [string, string] {
  try {
    if (/^[0-9a-f]+$/i.test(cursor)) {
      const key: unknown = JSON.parse(Buffer.from(cursor, 'hex').toString('utf8'));
      if (
        Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' &&
        key[0].length <= 400 && !key[0].includes('\u0000') && UUID.test(key[1])
      ) return [key[0], key[1]];
    }
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: 'cursor', message: 'Invalid cursor: pass back a nextCursor exactly as returned' }]);
}
