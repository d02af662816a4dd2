// The production shape on one machine, without Docker: two API replicas (NODE_ENV=production,
// TRUST_PROXY=true), the admin (`next start` through apps/admin/server/server.mjs) and Caddy with
// the repository's deploy/Caddyfile (the file docker-compose.yml mounts; only its environment
// differs: static upstreams on loopback instead of Docker's DNS). PostgreSQL is the caller's
// (a URL). Used by scripts/prod-shape.mjs (operators) and apps/api/test/prod-shape.e2e-spec.ts.
//
//   const shape = await startProdShape({ root, databaseUrl, ports: { proxy, apis: [a, b], admin } });
//   shape.proxyUrl; shape.apis[0].kill('SIGKILL'); await shape.apis[0].start(); await shape.stop();
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The Caddy binary: CADDY_PATH, else `caddy` on PATH. Throws a clear error when there is none. */
export function findCaddy() {
  const candidates = [process.env.CADDY_PATH, '/usr/bin/caddy', '/usr/local/bin/caddy'].filter(Boolean);
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // next
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v caddy'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(
    'Caddy is not installed: the production-shape environment runs the real proxy with deploy/Caddyfile. ' +
      'Install it with `apt-get install caddy` (Debian/Ubuntu; .ci/run does this), or set CADDY_PATH.',
  );
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitFor(url, { timeoutMs, isAlive, accept = (status) => status === 200 }) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (isAlive && !isAlive()) return { ok: false, reason: 'the process exited' };
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (accept(response.status)) return { ok: true };
      last = `status ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(150);
  }
  return { ok: false, reason: last };
}

/**
 * One long-running process with its output kept (`lines`, for tests) and appended to `logFile`;
 * `echo` also prints it prefixed with the name.
 */
class Service {
  constructor({ name, command, args, cwd, env, logFile, echo, readyUrl, readyTimeoutMs }) {
    Object.assign(this, { name, command, args, cwd, env, logFile, echo, readyUrl, readyTimeoutMs });
    this.lines = [];
    this.child = null;
    this.exits = [];
  }

  get running() {
    return Boolean(this.child) && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start() {
    if (this.running) throw new Error(`${this.name} is already running`);
    const log = this.logFile ? createWriteStream(this.logFile, { flags: 'a' }) : null;
    const child = spawn(this.command, this.args, { cwd: this.cwd, env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        this.lines.push(line);
        log?.write(`${line}\n`);
        if (this.echo) process.stdout.write(`[${this.name}] ${line}\n`);
      });
    }
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exits.push({ code, signal, at: Date.now() });
        setTimeout(() => log?.end(), 50);
        resolve({ code, signal });
      }),
    );
    if (this.readyUrl) {
      const ready = await waitFor(this.readyUrl, { timeoutMs: this.readyTimeoutMs ?? 90_000, isAlive: () => this.running });
      if (!ready.ok) {
        this.kill('SIGKILL');
        throw new Error(`${this.name} did not become ready at ${this.readyUrl} (${ready.reason}):\n${this.lines.slice(-30).join('\n')}`);
      }
    }
    return this;
  }

  kill(signal = 'SIGTERM') {
    if (this.running) this.child.kill(signal);
  }

  /** SIGTERM and wait for the exit (SIGKILL after `timeoutMs`). Resolves { code, signal }. */
  async stop(timeoutMs = 40_000) {
    if (!this.running) return this.exits.at(-1) ?? { code: null, signal: null };
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }
}

/**
 * Starts the shape and resolves once Caddy routes to every API replica and to the admin.
 * options:
 *   root          the repository (apps/api/dist and apps/admin/.next must be built)
 *   databaseUrl   postgres:// URL of the (existing) database
 *   ports         { proxy, apis: [portA, portB], admin }
 *   apiEnv        extra environment of both replicas (WEBHOOK_URLS, METRICS_TOKEN, ...)
 *   mediaDir      shared media/audio storage directory (default <root>/.data/prod-shape/media)
 *   logDir        one log file per service (default <root>/.data/prod-shape/logs)
 *   withAdmin     start the admin (default true)
 *   healthInterval, caddyLogLevel, echo
 */
export async function startProdShape(options) {
  const { root, databaseUrl, ports } = options;
  const caddyBin = findCaddy();
  const work = options.workDir ?? path.join(root, '.data', 'prod-shape');
  const mediaDir = options.mediaDir ?? path.join(work, 'media');
  const logDir = options.logDir ?? path.join(work, 'logs');
  const caddyHome = path.join(work, 'caddy');
  for (const dir of [mediaDir, logDir, caddyHome]) mkdirSync(dir, { recursive: true });
  const proxyUrl = `http://127.0.0.1:${ports.proxy}`;
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? caddyHome, NEXT_TELEMETRY_DISABLED: '1' };

  const apis = ports.apis.map(
    (port, index) =>
      new Service({
        name: `api-${index + 1}`,
        command: process.execPath,
        args: [path.join(root, 'apps/api/dist/main.js')],
        cwd: path.join(root, 'apps/api'),
        env: {
          ...baseEnv,
          NODE_ENV: 'production',
          TRUST_PROXY: 'true',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          DATABASE_POOL_SIZE: '10',
          LOG_LEVEL: 'info',
          MEDIA_DIR: mediaDir,
          PUBLIC_API_URL: proxyUrl,
          ADMIN_ORIGIN: proxyUrl,
          ADMIN_PUBLIC_URL: proxyUrl,
          STORY_URL_TEMPLATE: `${proxyUrl}/api/public/stories/{slug}`,
          ...options.apiEnv,
        },
        logFile: path.join(logDir, `api-${index + 1}.log`),
        echo: options.echo,
        readyUrl: `http://127.0.0.1:${port}/health/ready`,
      }),
  );
  const admin =
    options.withAdmin === false
      ? null
      : new Service({
          name: 'admin',
          command: process.execPath,
          args: [path.join(root, 'apps/admin/server/server.mjs'), '-p', String(ports.admin), '-H', '127.0.0.1'],
          cwd: path.join(root, 'apps/admin'),
          // The admin calls the API through Caddy, so it rides the same failover as browsers.
          env: { ...baseEnv, NODE_ENV: 'production', API_URL: proxyUrl, ADMIN_TRUST_PROXY: 'loopback' },
          logFile: path.join(logDir, 'admin.log'),
          echo: options.echo,
          readyUrl: `http://127.0.0.1:${ports.admin}/login`,
        });
  const caddy = new Service({
    name: 'caddy',
    command: caddyBin,
    args: ['run', '--config', path.join(root, 'deploy/Caddyfile'), '--adapter', 'caddyfile'],
    cwd: work,
    env: {
      ...baseEnv,
      HOME: caddyHome,
      XDG_CONFIG_HOME: path.join(caddyHome, 'config'),
      XDG_DATA_HOME: path.join(caddyHome, 'data'),
      SITE_ADDRESS: `:${ports.proxy}`,
      API_UPSTREAMS_FROM: 'static',
      API_UPSTREAMS: ports.apis.map((port) => `127.0.0.1:${port}`).join(' '),
      ADMIN_UPSTREAM: `127.0.0.1:${ports.admin ?? 1}`,
      API_HEALTH_INTERVAL: options.healthInterval ?? '1s',
      CADDY_LOG_LEVEL: options.caddyLogLevel ?? 'INFO',
    },
    logFile: path.join(logDir, 'caddy.log'),
    echo: options.echo,
    readyUrl: `${proxyUrl}/health/live`,
    readyTimeoutMs: 30_000,
  });

  const all = [];
  const stop = async () => {
    // The proxy last but one: requests in flight drain through it; PostgreSQL is the caller's.
    await Promise.all([...apis, admin].filter(Boolean).map((service) => service.stop()));
    await caddy.stop();
  };
  try {
    // The first replica migrates (advisory lock); starting both at once is covered by the upgrade test.
    await apis[0].start();
    all.push(apis[0]);
    await Promise.all(apis.slice(1).map((api) => api.start().then(() => all.push(api))));
    if (admin) {
      await admin.start();
      all.push(admin);
    }
    await caddy.start();
    all.push(caddy);
    if (admin) {
      const page = await waitFor(`${proxyUrl}/login`, { timeoutMs: 30_000 });
      if (!page.ok) throw new Error(`the admin is not reachable through Caddy: ${page.reason}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { proxyUrl, apis, admin, caddy, mediaDir, logDir, stop };
}
