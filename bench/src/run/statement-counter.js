// Counts the SQL statements each client sends, on the wire: a TCP proxy in front of PostgreSQL
// that reads the frontend protocol and counts Query ('Q', simple protocol) and Execute ('E',
// extended protocol: one per statement run, prepared or not) messages per application_name.
// Exact whatever the server's configuration (no pg_stat_statements needed) and independent of the
// code under test; used only in the counting phase, never while measuring throughput.
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

/**
 * @param {{ host: string, port: number }} target PostgreSQL
 * @returns {Promise<{ port: number, counts: Map<string, number>, snapshot: (app: string) => number, close: () => Promise<void> }>}
 */
export async function startStatementCounter(target) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false;
    let app = '(unknown)';
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          if (code !== SSL_REQUEST && code !== GSS_REQUEST) {
            const params = buffer.subarray(8, length).toString('utf8').split('\0');
            for (let i = 0; i + 1 < params.length; i += 2) if (params[i] === 'application_name') app = params[i + 1];
            started = true;
          }
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1) + 1;
        if (buffer.length < length) return;
        const type = String.fromCharCode(buffer[0]);
        if (type === 'Q' || type === 'E') counts.set(app, (counts.get(app) ?? 0) + 1);
        buffer = buffer.subarray(length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    counts,
    snapshot: (app) => counts.get(app) ?? 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}
