// Installs dependencies with the pnpm version pinned in package.json ("packageManager"),
// fetched by npx: nothing global is needed. Skipped when node_modules matches the lockfile.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { childEnv, run } from './proc.mjs';
import { info } from './ui.mjs';

const STAMP = path.join('node_modules', '.newsdesk-install-stamp');
const PNPM_PATH = path.join('node_modules', '.newsdesk-pnpm-path');

/** pnpm's pinned version, e.g. "12.4.2". */
export function pnpmVersion(root) {
  const { packageManager = '' } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const match = /^pnpm@([^+]+)/.exec(packageManager);
  if (!match) throw new Error('package.json must pin "packageManager": "pnpm@<version>"');
  return match[1];
}

/** Hash of everything that decides node_modules' content. */
function installFingerprint(root) {
  const hash = createHash('sha256');
  hash.update(`${process.platform}-${process.arch}-node${process.versions.node.split('.')[0]}\n`);
  const files = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json', 'bench/package.json'];
  for (const group of ['apps', 'packages']) {
    if (!existsSync(path.join(root, group))) continue;
    for (const dir of readdirSync(path.join(root, group)).sort()) files.push(path.join(group, dir, 'package.json'));
  }
  for (const file of files) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(`${file}\n`).update(readFileSync(full));
  }
  return hash.digest('hex');
}

/** The command that runs pnpm: [command, ...args]. */
export function pnpmCommand(root) {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return [npx, '--yes', `pnpm@${pnpmVersion(root)}`];
}

export function pnpmEnv(extra = {}) {
  return childEnv({
    // The pinned pnpm is fetched through npx; COREPACK_INTEGRITY_KEYS=0 keeps a corepack shim
    // (if the user has one enabled) from failing on registries that serve no signatures.
    COREPACK_INTEGRITY_KEYS: '0',
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    ...extra,
  });
}

/** Runs `pnpm install --frozen-lockfile` unless node_modules is current. Returns true if it installed. */
export async function ensureInstalled(root, { force = false } = {}) {
  const fingerprint = installFingerprint(root);
  const stampPath = path.join(root, STAMP);
  const current =
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8').trim() === fingerprint &&
    existsSync(path.join(root, 'node_modules', '.bin', 'turbo'));
  if (current && !force) {
    info('dependencies are up to date (pnpm-lock.yaml unchanged): skipping install');
    return false;
  }
  const [command, ...args] = pnpmCommand(root);
  info(`installing dependencies with pnpm ${pnpmVersion(root)} (via npx)`);
  const { code } = await run(command, [...args, 'install', '--frozen-lockfile', '--config.confirmModulesPurge=false'], {
    cwd: root,
    env: pnpmEnv(),
  });
  if (code !== 0) throw new Error(`pnpm install failed (exit code ${code})`);
  writeFileSync(stampPath, `${fingerprint}\n`);
  return true;
}

/**
 * The directory holding the pinned pnpm's executable (in npx's cache), for PATH: turbo runs each
 * task through the package manager, so `pnpm` must be on its PATH. Resolved once, then cached.
 */
export function pnpmBinDir(root) {
  const cache = path.join(root, PNPM_PATH);
  const wanted = pnpmVersion(root);
  if (existsSync(cache)) {
    const [version, dir] = readFileSync(cache, 'utf8').trim().split('\n');
    if (version === wanted && dir && existsSync(path.join(dir, 'pnpm'))) return dir;
  }
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const found = execFileSync(npx, ['--yes', '-p', `pnpm@${wanted}`, '-c', 'command -v pnpm'], {
    cwd: root,
    env: pnpmEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
    .trim()
    .split('\n')
    .pop();
  const dir = path.dirname(found);
  writeFileSync(cache, `${wanted}\n${dir}\n`);
  return dir;
}
