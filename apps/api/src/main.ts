import { ConfigError, loadConfig } from './config.js';
import { createPino } from './common/logger.js';
import { openDatabase } from './database/data-source.js';
import { bootstrapAccounts } from './database/bootstrap.js';
import { createApp } from './app.js';
import { lifecycle } from './health/lifecycle.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const logger = createPino(config.LOG_LEVEL);
  const dataSource = await openDatabase(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  logger.info('database migrated');
  await bootstrapAccounts(dataSource, config, logger);
  const app = await createApp(config, dataSource, logger);
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ port: config.PORT }, `Newsdesk API listening on http://localhost:${config.PORT}`);

  // Graceful stop (a rolling deploy, `docker stop`, Ctrl-C), in this order:
  // 1. drain: for SHUTDOWN_DRAIN_MS the health probes answer 503 and every response closes its
  //    connection, so the proxy's health checks take this replica out while it still serves;
  // 2. app.close(): the listener stops accepting, in-flight requests finish, idle connections
  //    close, workers stop taking jobs and pg-boss stops (module shutdown hooks);
  // 3. the database pool closes; exit 0. Past SHUTDOWN_TIMEOUT_MS the process exits 1 anyway.
  const drainMs = config.SHUTDOWN_DRAIN_MS ?? (config.NODE_ENV === 'production' ? 5000 : 0);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    lifecycle.draining = true;
    logger.info({ signal, drainMs }, 'draining: health probes answer 503');
    await new Promise((done) => setTimeout(done, drainMs));
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    logger.info('closing: no new connections, finishing in-flight requests');
    await app.close();
    await dataSource.destroy();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
