// The processes under test: the API's production build and the baseline, one process each.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** @param {string} root */
const procLib = (root) => import(pathToFileURL(path.join(root, 'scripts/lib/proc.mjs')).href);

/**
 * The real API (apps/api/dist/main.js) in production mode: no demo data, no bootstrap admin.
 * @param {{ root: string, url: string, port: number, cacheSeconds: number, name: string, extraEnv?: Record<string, string> }} options
 */
export async function startApi({ root, url, port, cacheSeconds, name, extraEnv = {} }) {
  const { childEnv, spawnService, waitForHttp } = await procLib(root);
  const env = childEnv({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PUBLIC_CACHE_SECONDS: String(cacheSeconds),
    DEMO_DATA: undefined,
    ADMIN_EMAIL: undefined,
    ADMIN_PASSWORD: undefined,
    ...extraEnv,
  });
  const service = spawnService(name, process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: path.join(root, 'apps/api'),
    env,
  });
  const ready = await waitForHttp(`http://127.0.0.1:${port}/health`, {
    service,
    timeoutMs: 60_000,
    accept: (/** @type {number} */ status) => status === 200,
  });
  if (!ready.ok) {
    await service.stop();
    throw new Error(`${name} did not become healthy: ${ready.reason}\n${service.tail.slice(-20).join('\n')}`);
  }
  return service;
}

/**
 * The baseline server as a process of its own.
 * @param {{ root: string, url: string, port: number }} options
 */
export async function startBaselineProcess({ root, url, port }) {
  const { childEnv, spawnService, waitForHttp } = await procLib(root);
  const env = childEnv({ BASELINE_DATABASE_URL: url, BASELINE_PORT: String(port), NODE_ENV: 'production' });
  const service = spawnService('baseline', process.execPath, [path.join(root, 'bench/src/baseline/server.js')], { cwd: root, env });
  const ready = await waitForHttp(`http://127.0.0.1:${port}/api/public/stories?limit=1`, {
    service,
    timeoutMs: 30_000,
    accept: (/** @type {number} */ status) => status === 200,
  });
  if (!ready.ok) {
    await service.stop();
    throw new Error(`the baseline did not start: ${ready.reason}\n${service.tail.slice(-20).join('\n')}`);
  }
  return service;
}
