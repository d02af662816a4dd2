// COPY ... FROM STDIN in PostgreSQL's text format, streamed with back-pressure.
import { once } from 'node:events';
import copyStreams from 'pg-copy-streams';

/**
 * One value in COPY text format: NULL as \N, backslash, tab, newline and carriage return escaped.
 * Arrays are written as PostgreSQL array literals, objects as JSON.
 * @param {unknown} value
 */
export function copyValue(value) {
  if (value === null || value === undefined) return '\\N';
  let text;
  if (value instanceof Date) text = value.toISOString();
  else if (Array.isArray(value)) text = `{${value.map((item) => `"${String(item).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
  else if (typeof value === 'object') text = JSON.stringify(value);
  else text = String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Streams rows into `table (columns)` with COPY; `rows` is any (async) iterable of value arrays.
 * Calls `onRows(n)` every ~1 MB. Returns the number of rows.
 * @param {import('pg').ClientBase} client
 * @param {string} table
 * @param {string[]} columns
 * @param {Iterable<unknown[]> | AsyncIterable<unknown[]>} rows
 * @param {(count: number) => void} [onRows]
 */
export async function copyRows(client, table, columns, rows, onRows) {
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = new Promise((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let chunk = '';
  let count = 0;
  let failed = null;
  stream.on('error', (error) => {
    failed = error;
  });
  for await (const row of rows) {
    chunk += `${row.map(copyValue).join('\t')}\n`;
    count++;
    if (chunk.length > 1 << 20) {
      if (failed) break;
      if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
      chunk = '';
      onRows?.(count);
    }
  }
  if (chunk && !failed) stream.write(chunk);
  stream.end();
  await done;
  onRows?.(count);
  return count;
}
