// The admin's production server: `next start`, plus one thing Next cannot do for a route handler:
// tell it which address the request really came from. Next 16 only fills X-Forwarded-For from the
// socket when the header is absent (base-server.js: `req.headers['x-forwarded-for'] ??= socket.remoteAddress`),
// so a client could name any address it liked and the /api proxy would pass it on to the API's
// login throttle. Here X-Forwarded-For is replaced, before Next sees the request, by the one client
// address decided from the socket (and from the X-Forwarded-For of a trusted proxy in front, e.g.
// Caddy: ADMIN_TRUST_PROXY). The /api proxy route forwards exactly that to the API, which trusts
// the admin's address (TRUST_PROXY).
//
//   node server/server.mjs [-p PORT] [-H HOSTNAME]     (env: PORT, ADMIN_TRUST_PROXY; all interfaces unless -H)
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { clientAddress, parseTrustList } from './client-address.mjs';

function option(flags, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (flags.includes(args[i]) && args[i + 1]) return args[i + 1];
  return fallback;
}

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(option(['-p', '--port'], process.env.PORT || '3000'));
const hostname = option(['-H', '--hostname'], undefined);
let trust;
try {
  trust = parseTrustList(process.env.ADMIN_TRUST_PROXY);
} catch (error) {
  console.error(`Invalid configuration: ${error.message}`);
  process.exit(1);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid configuration: PORT must be a TCP port number; got ${JSON.stringify(String(port))}`);
  process.exit(1);
}

const app = next({ dev: false, dir, hostname: hostname ?? 'localhost', port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  req.headers['x-forwarded-for'] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust);
  void handle(req, res);
});
server.listen(port, hostname, () => {
  console.log(`Newsdesk admin ready on http://${hostname ?? 'localhost'}:${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(0));
}
