import { ValidationError } from './errors.js';

/**
 * Keyset cursors: the sort key of the last row (an instant, a number or a folded name; and an id),
 * opaque to clients: hex of a JSON array, so PostgreSQL can build one too (see the public queries):
 * encode(convert_to(json_build_array(key, id)::text, 'UTF8'), 'hex').
 */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('hex');
}

const ID_PATTERNS = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  bigint: /^\d{1,18}$/,
};
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A text sort key (e.g. a folded name: people, correspondents): bounded, no NUL. */
const NAME = { test: (key: string) => key.length <= 400 && !key.includes('\u0000') };

const KEY_PATTERNS = { instant: INSTANT, number: /^-?\d+(\.\d+)?(e-?\d+)?$/i, name: NAME };

/** Decodes and checks a cursor, so a forged one is a 400 naming `cursor`, never a database error. */
export function decodeCursor(
  cursor: string,
  idKind: keyof typeof ID_PATTERNS = 'uuid',
  keyKind: keyof typeof KEY_PATTERNS = 'instant',
): [string, string] {
  try {
    // Buffer.from(…, 'hex') stops at the first non-hex character: check the whole cursor first.
    const key: unknown = /^(?:[0-9a-f]{2})+$/i.test(cursor) ? JSON.parse(Buffer.from(cursor, 'hex').toString('utf8')) : null;
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      typeof key[0] === 'string' &&
      typeof key[1] === 'string' &&
      KEY_PATTERNS[keyKind].test(key[0]) &&
      (keyKind !== 'instant' || !Number.isNaN(Date.parse(key[0]))) &&
      ID_PATTERNS[idKind].test(key[1])
    )
      return [key[0], key[1]];
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: 'cursor', message: 'Invalid cursor: pass back a nextCursor exactly as returned' }]);
}

/** A cursor of a list ordered by a folded name and a uuid (people, correspondents). */
export const decodeNameCursor = (cursor: string): [string, string] => decodeCursor(cursor, 'uuid', 'name');
