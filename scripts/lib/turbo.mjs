// Runs the repository's local turbo (installed by pnpm).
import path from 'node:path';
import { pnpmBinDir } from './install.mjs';
import { childEnv, run } from './proc.mjs';

/**
 * `turbo run <args>`. --env-mode=loose passes our whole environment to the tasks
 * (turbo's default "strict" mode would hide e.g. TEST_DATABASE_URL from Jest).
 */
export function turbo(root, args, { env, capture = false, onSpawn } = {}) {
  const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  const base = env ?? childEnv();
  // turbo runs every task through `pnpm run`: put the pinned pnpm first on PATH.
  const PATH = [pnpmBinDir(root), base.PATH ?? process.env.PATH].join(path.delimiter);
  return run(bin, ['run', ...args, '--env-mode=loose', '--ui=stream', '--no-update-notifier'], {
    cwd: root,
    env: { ...base, PATH },
    capture,
    onSpawn,
  });
}
