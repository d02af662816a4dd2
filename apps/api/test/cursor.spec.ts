import pg from 'pg';
import { decodeCursor, decodeNameCursor, encodeCursor } from '../src/common/cursor.js';
import { ValidationError } from '../src/common/errors.js';

/**
 * One cursor encoding (hex of a JSON [key, id] array) for every keyset list. `encodeNameCursor`
 * was a copy of `encodeCursor`, and the two decoders disagreed on a cursor with trailing non-hex
 * characters (Buffer.from(…, 'hex') stops there: the time cursor read its prefix, the name cursor
 * refused it). Now both refuse it, and both read what PostgreSQL builds.
 */

const ID = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
const refused = (decode: () => unknown) => {
  try {
    decode();
  } catch (error) {
    return error instanceof ValidationError && error.errors.some((e) => e.field === 'cursor');
  }
  return false;
};

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

describe('keyset cursors', () => {
  it('round-trips time and name keys through one encoding', () => {
    expect(decodeCursor(encodeCursor(['2026-03-08T10:00:00.123Z', ID]))).toEqual(['2026-03-08T10:00:00.123Z', ID]);
    expect(decodeNameCursor(encodeCursor(['zoë ñandú', ID]))).toEqual(['zoë ñandú', ID]);
  });

  it('reads the cursors PostgreSQL builds for both kinds', async () => {
    const { rows } = await client.query<{ time: string; name: string }>(
      `SELECT encode(convert_to(json_build_array('2026-03-08T10:00:00.123Z', $1::text)::text, 'UTF8'), 'hex') AS time,
              encode(convert_to(json_build_array('zoë ñandú', $1::text)::text, 'UTF8'), 'hex') AS name`,
      [ID],
    );
    expect(decodeCursor(rows[0]!.time)).toEqual(['2026-03-08T10:00:00.123Z', ID]);
    expect(decodeNameCursor(rows[0]!.name)).toEqual(['zoë ñandú', ID]);
  });

  it('refuses, as a 400 naming cursor, a cursor with trailing junk, a wrong key kind, or an over-long name', () => {
    const time = encodeCursor(['2026-03-08T10:00:00Z', ID]);
    expect(refused(() => decodeCursor(`${time}zz`))).toBe(true);
    expect(refused(() => decodeNameCursor(`${encodeCursor(['ann', ID])}zz`))).toBe(true);
    expect(refused(() => decodeCursor(encodeCursor(['ann', ID])))).toBe(true);
    expect(refused(() => decodeNameCursor(encodeCursor(['x'.repeat(401), ID])))).toBe(true);
    expect(refused(() => decodeNameCursor(encodeCursor(['a\u0000b', ID])))).toBe(true);
    expect(refused(() => decodeNameCursor(encodeCursor(['ann', 'not-a-uuid'])))).toBe(true);
  });
});
