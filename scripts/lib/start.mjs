// `npm start`: install, build, PostgreSQL, API, admin; Ctrl-C stops all of it.
import path from 'node:path';
import { ensureInstalled } from './install.mjs';
import { watchLauncher } from './launcher.mjs';
import { childEnv, spawnService, waitForHttp } from './proc.mjs';
import { turbo } from './turbo.mjs';
import { box, color, error, formatDuration, info, step, warn } from './ui.mjs';

export const DEMO_LOGINS = [
  ['admin@newsdesk.local', 'newsdesk-admin-demo', 'admin'],
  ['editor@newsdesk.local', 'newsdesk-editor-demo', 'editor'],
  ['producer@newsdesk.local', 'newsdesk-producer-demo', 'producer'],
];

export async function start(root) {
  const startedAt = Date.now();
  const apiPort = Number(process.env.PORT || 4000);
  const adminPort = Number(process.env.ADMIN_PORT || 3000);
  const pgPort = Number(process.env.NEWSDESK_PG_PORT || 54329);
  const nodeEnv = process.env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';

  const services = [];
  let db = null;
  let currentStep = null;
  let shuttingDown = null;
  let firstSignalAt = 0;

  const shutdown = (code, reason) => {
    shuttingDown ??= (async () => {
      if (reason) (code === 0 ? info : error)(reason);
      if (currentStep && currentStep.exitCode === null) {
        currentStep.kill('SIGINT');
        await new Promise((r) => currentStep.once('close', r));
      }
      for (const service of [...services].reverse()) {
        if (service.isRunning()) info(`stopping ${service.name}`);
        await service.stop();
      }
      if (db) {
        info('stopping PostgreSQL');
        await db.stop();
      }
      info(code === 0 ? 'stopped' : `stopped (exit code ${code})`);
      process.exit(code);
    })();
    return shuttingDown;
  };
  const onSignal = (signal, isEvent = false) => {
    if (!shuttingDown) {
      firstSignalAt = Date.now();
      console.log();
      void shutdown(0, `${isEvent ? signal : `${signal} received`}: stopping (press Ctrl-C again to force)`);
    } else if (Date.now() - firstSignalAt > 1500) {
      // npm forwards the terminal's SIGINT too: only a later, deliberate second Ctrl-C forces
      warn('forcing stop');
      for (const service of services) service.kill();
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
  watchLauncher(() => onSignal('npm exited', true));

  const runStep = async (title, fn) => {
    if (shuttingDown) await shuttingDown;
    step(title);
    const t = Date.now();
    const result = await fn();
    if (shuttingDown) await shuttingDown;
    info(`${title}: done in ${formatDuration(Date.now() - t)}`);
    return result;
  };

  try {
    await runStep('install', () => ensureInstalled(root));
    await runStep('build', async () => {
      const { code } = await turbo(root, ['build'], {
        onSpawn: (child) => {
          currentStep = child;
        },
      });
      currentStep = null;
      if (code !== 0) throw new Error(`build failed (exit code ${code})`);
    });

    const { isPortInUse } = await import('./postgres.mjs');
    for (const [port, what] of [
      [apiPort, 'API (PORT)'],
      [adminPort, 'admin (ADMIN_PORT)'],
    ]) {
      if (await isPortInUse(port)) throw new Error(`port ${port} for the ${what} is already in use (another npm start?)`);
    }

    const databaseUrl = await runStep('database', async () => {
      const pgLib = await import('./postgres.mjs');
      if (process.env.DATABASE_URL) {
        const url = process.env.DATABASE_URL;
        info(`using DATABASE_URL ${pgLib.redactUrl(url)}`);
        try {
          await pgLib.ensureDatabase(url, pgLib.databaseName(url));
        } catch (e) {
          throw new Error(`cannot use DATABASE_URL ${pgLib.redactUrl(url)}: ${e.message}`, { cause: e });
        }
        return url;
      }
      const { startPostgresHost } = await import('./pg-host.mjs');
      const dataDir = path.join(root, '.data', 'postgres');
      info(`starting embedded PostgreSQL on port ${pgPort} (data in ${path.relative(root, dataDir)})`);
      db = await startPostgresHost({ dataDir, port: pgPort, persistent: true });
      db.exited.then(() => {
        if (!shuttingDown) void shutdown(1, 'PostgreSQL exited unexpectedly');
      });
      return pgLib.ensureDatabase(db.url, 'newsdesk');
    });

    await runStep('API', async () => {
      const env = childEnv({
        DATABASE_URL: databaseUrl,
        PORT: String(apiPort),
        NODE_ENV: nodeEnv,
        DEMO_DATA: process.env.DEMO_DATA ?? (production ? undefined : 'true'),
        ADMIN_ORIGIN: process.env.ADMIN_ORIGIN || `http://localhost:${adminPort}`,
        // The admin's /api proxy calls the API from loopback and names the client in X-Forwarded-For.
        TRUST_PROXY: process.env.TRUST_PROXY || 'loopback',
        // Uploaded images next to the embedded database, in the repository's .data/ (git-ignored).
        MEDIA_DIR: process.env.MEDIA_DIR || path.join(root, '.data/media'),
      });
      const service = spawnService('api', process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
        cwd: path.join(root, 'apps/api'),
        env,
      });
      services.push(service);
      watch(service, shutdown, () => shuttingDown);
      // Readiness: database reachable, migrations applied, outbox caught up, cache listening.
      const ready = await waitForHttp(`http://127.0.0.1:${apiPort}/health/ready`, {
        service,
        timeoutMs: Number(process.env.NEWSDESK_START_TIMEOUT_MS || 90_000),
        accept: (status) => status === 200,
      });
      if (!ready.ok) throw new Error(`the API did not become healthy: ${ready.reason}\n${tailText(service)}`);
    });

    await runStep('admin', async () => {
      const env = childEnv({
        API_URL: process.env.API_URL || `http://localhost:${apiPort}`,
        NODE_ENV: 'production', // `next start` serves the production build
        PORT: undefined,
      });
      // `next start` behind server.mjs, which sets X-Forwarded-For from the socket (issue #22).
      const adminServer = path.join(root, 'apps/admin/server/server.mjs');
      const service = spawnService('admin', process.execPath, [adminServer, '-p', String(adminPort)], {
        cwd: path.join(root, 'apps/admin'),
        env,
        prefixColor: color.magenta,
      });
      services.push(service);
      watch(service, shutdown, () => shuttingDown);
      const ready = await waitForHttp(`http://127.0.0.1:${adminPort}/login`, { service, timeoutMs: 60_000 });
      if (!ready.ok) throw new Error(`the admin did not start: ${ready.reason}\n${tailText(service)}`);
    });

    const { redactUrl } = await import('./postgres.mjs');
    printReady({ startedAt, apiPort, adminPort, production, db, root, redacted: redactUrl(databaseUrl) });
  } catch (e) {
    if (shuttingDown) return shuttingDown;
    return shutdown(1, e.message);
  }
  return undefined;
}

/** A service that exits while we are not stopping takes everything down with exit code 1. */
function watch(service, shutdown, isStopping) {
  service.exited.then(({ code, signal }) => {
    if (!isStopping()) void shutdown(1, `${service.name} exited unexpectedly (${signal ?? `code ${code}`})`);
  });
}

function tailText(service) {
  return `--- last lines of ${service.name} output ---\n${service.tail.slice(-25).join('\n')}`;
}

function printReady({ startedAt, apiPort, adminPort, production, db, root, redacted }) {
  const api = `http://localhost:${apiPort}`;
  const lines = [
    color.bold(color.green(`Newsdesk is running (ready in ${formatDuration(Date.now() - startedAt)})`)),
    '',
    `Admin        ${color.cyan(`http://localhost:${adminPort}`)}`,
    `API          ${color.cyan(api)}`,
    `API docs     ${color.cyan(`${api}/api/docs`)}`,
    `Public API   ${color.cyan(`${api}/api/public/stories`)}`,
    `Health       ${color.cyan(`${api}/health/ready`)} (liveness: /health/live)`,
    `Database     ${db ? `embedded PostgreSQL on port ${db.port}, data in ${path.relative(root, db.dataDir) || db.dataDir}` : `DATABASE_URL (${redacted})`}`,
  ];
  const demo = !production && !/^(false|0)$/i.test(process.env.DEMO_DATA ?? 'true');
  if (demo) {
    lines.push('', color.bold('Demo logins (loaded on first run)'));
    for (const [email, password, role] of DEMO_LOGINS) lines.push(`  ${role.padEnd(9)} ${email.padEnd(25)} ${password}`);
  }
  if (process.env.ADMIN_EMAIL) lines.push('', `Admin account from ADMIN_EMAIL: ${process.env.ADMIN_EMAIL}`);
  lines.push('', color.bold('Ctrl-C to stop'));
  box(lines);
}
