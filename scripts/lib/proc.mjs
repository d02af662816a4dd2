// Child processes: one-shot steps (run) and long-running services (spawnService).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { color } from './ui.mjs';

/** The environment every child gets: ours plus telemetry off. */
export function childEnv(extra = {}) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1', ...extra };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

/** Runs a command to completion, streaming its output. Resolves { code, output } (output only if capture). */
export function run(command, args, { cwd, env, capture = false, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? childEnv(),
      stdio: capture ? ['inherit', 'pipe', 'pipe'] : 'inherit',
      shell: process.platform === 'win32',
    });
    onSpawn?.(child);
    const chunks = [];
    if (capture) {
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        chunks.push(chunk);
      });
      child.stderr.on('data', (chunk) => {
        process.stderr.write(chunk);
        chunks.push(chunk);
      });
    }
    child.once('error', reject);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), signal, output: Buffer.concat(chunks).toString('utf8') }),
    );
  });
}

/**
 * Starts a long-running service in its own process group (so a terminal Ctrl-C reaches only us,
 * and we stop the services in order). Each output line is printed with a [name] prefix.
 */
export function spawnService(name, command, args, { cwd, env, prefixColor = color.cyan } = {}) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const tail = [];
  const prefix = prefixColor(`[${name}]`);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      process.stdout.write(`${prefix} ${line}\n`);
    });
  }
  const exited = new Promise((resolve) => {
    child.once('error', (error) => {
      tail.push(String(error));
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let running = true;
  exited.then(() => {
    running = false;
  });

  /** SIGTERM to the whole group, then SIGKILL after timeoutMs. */
  const stop = async (timeoutMs = 10_000) => {
    if (!running) return;
    signalGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => {
      process.stdout.write(`${prefix} did not stop within ${timeoutMs / 1000}s: killing it\n`);
      signalGroup(child.pid, 'SIGKILL');
    }, timeoutMs);
    await exited;
    clearTimeout(timer);
    signalGroup(child.pid, 'SIGKILL'); // any grandchild left in the group
  };
  return { name, child, exited, stop, tail, isRunning: () => running, kill: () => signalGroup(child.pid, 'SIGKILL') };
}

function signalGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Polls url until it answers with a status below 500 (or `accept(status, body)`), the service
 * exits, or timeoutMs passes. Returns { ok, reason }.
 */
export async function waitForHttp(url, { service, timeoutMs = 60_000, accept } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (service && !service.isRunning()) return { ok: false, reason: `${service.name} exited` };
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(5_000) });
      const body = await response.text();
      if (accept ? accept(response.status, body) : response.status < 500) return { ok: true };
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await Promise.race([new Promise((r) => setTimeout(r, 300)), service?.exited].filter(Boolean));
  }
  return { ok: false, reason: `no healthy answer from ${url} within ${timeoutMs / 1000}s (last: ${last})` };
}
