import type { Logger } from '@nestjs/common';
import pg from 'pg';

/** Reconnection delays of a LISTEN connection: doubling from the first to the last. */
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 8000;

export interface PgListenerOptions {
  databaseUrl: string;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** Runs the LISTEN statement(s) on the dedicated connection (a repository's method: SQL lives there). */
  listen: (client: Pick<pg.Client, 'query'>) => Promise<void>;
  /** A notification arrived (its payload, '' when none). */
  onNotification: (payload: string) => void;
  /** The connection is up and listening (first time and after every reconnection): anything missed meanwhile is unknown. */
  onConnected: () => Promise<void> | void;
  /** The connection is gone; a reconnection is scheduled. */
  onLost: () => void;
  logger: Pick<Logger, 'warn'>;
  /** What is lost while deaf, for the warning. */
  lostMessage: string;
}

/**
 * One dedicated LISTEN connection (a pg.Client, not the pool), kept up: when it errors or ends it
 * is closed and opened again after 0.25 s, doubling to 8 s, until `stop()`. Used by the public
 * cache (its invalidations) and presence (a story's editors changed): one pattern, one place.
 */
export class PgListener {
  private client: pg.Client | null = null;
  private closed = false;
  private reconnectDelay = RECONNECT_FIRST_MS;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private up = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** Whether the connection is up and listening now. */
  get connected(): boolean {
    return this.up;
  }

  /** Connects and listens; rejects when the first attempt fails (a reconnection is scheduled anyway). */
  async start(): Promise<void> {
    const { options } = this;
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: options.applicationName,
      connectionTimeoutMillis: 5000,
    });
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      this.up = false;
      options.onLost();
      if (error) options.logger.warn({ code: (error as { code?: string }).code, reason: error.message }, options.lostMessage);
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('notification', (message) => options.onNotification(message.payload ?? ''));
    client.on('error', (error) => onLost(error));
    client.on('end', () => onLost());
    try {
      await client.connect();
      await options.listen(client);
    } catch (error) {
      onLost(error as Error);
      throw error;
    }
    if (lost) return;
    this.client = client;
    await options.onConnected();
    this.up = true;
    this.reconnectDelay = RECONNECT_FIRST_MS;
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (!this.closed) this.start().catch(() => undefined); // a failure schedules the next attempt
    }, delay);
    this.reconnectTimer.unref();
  }
}
