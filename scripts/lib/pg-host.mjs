// Runs an embedded PostgreSQL in a small detached helper process (its own process group).
//
// Why: a Ctrl-C in the terminal signals the whole foreground process group at once. If the
// postgres server were in it, it would shut down while the API is still closing its pool.
// Out of the group, it is stopped last, by us. If our parent dies (even by SIGKILL), the IPC
// channel closes and the helper stops PostgreSQL, so no server is left behind.
//
//   const db = await startPostgresHost({ dataDir, port, persistent }); // -> { url, port, dataDir, stop() }
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

export function startPostgresHost(options) {
  return new Promise((resolve, reject) => {
    const child = fork(self, ['--host'], { detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let exited = false;
    const exitedPromise = new Promise((r) =>
      child.once('exit', () => {
        exited = true;
        r();
      }),
    );
    const stop = async () => {
      if (exited) return;
      if (child.connected) child.send({ type: 'stop' });
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exitedPromise;
      clearTimeout(timer);
    };
    child.once('message', (message) => {
      if (message.type === 'ready') resolve({ ...message.db, stop, exited: exitedPromise });
      else reject(new Error(message.error));
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL helper exited early (code ${code})`)));
    child.send({ type: 'start', options });
  });
}

async function host() {
  const { startEmbeddedPostgres } = await import('./postgres.mjs');
  let db;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await db?.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown); // parent gone
  process.on('message', async (message) => {
    if (message.type === 'stop') return shutdown();
    if (message.type !== 'start') return undefined;
    try {
      db = await startEmbeddedPostgres(message.options);
      process.send({ type: 'ready', db: { url: db.url, port: db.port, dataDir: db.dataDir } });
    } catch (error) {
      process.send({ type: 'error', error: error.message });
      process.exit(1);
    }
    return undefined;
  });
}

if (process.argv[1] === self && process.argv[2] === '--host') await host();
