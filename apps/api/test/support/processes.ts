import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/** The production build, run as separate API processes by the multi-process tests (npm test builds first). */
export const API_MAIN = resolve(import.meta.dirname, '../../dist/main.js');

export function assertBuilt(): void {
  if (!existsSync(API_MAIN))
    throw new Error(`${API_MAIN} is missing: build the API first (npm test does; or: pnpm --filter @newsdesk/api build)`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

export interface ApiProcess {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

/** Starts `node dist/main.js` on a free port against `databaseUrl` and waits for /health. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  };
  // Up to 60 s: on a loaded 2-core machine (several test runs at once) a cold start has taken 18 s.
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, url, stop };
    if (child.exitCode !== null) break;
    await new Promise((done) => setTimeout(done, 100));
  }
  await stop();
  throw new Error(`API process on port ${port} did not become healthy`);
}
