import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type Logger as Pino } from 'pino';

/**
 * Paths pino blanks in every line (defence in depth: the request line logs none of them, but an
 * error object carrying a request or a body must not leak a secret either).
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'body.password',
  'body.token',
  '*.password',
  '*.token',
];

export function createPino(level: string): Pino {
  return pino({
    level,
    base: { service: 'newsdesk-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: REDACT,
  });
}

/** What every log line, audit row and outbox event of one request can name: its id. */
export interface RequestContext {
  requestId: string;
}

const requestContext = new AsyncLocalStorage<RequestContext>();

/** Runs `work` (and everything it starts) inside the context of one request. */
export function runWithRequestContext<T>(context: RequestContext, work: () => T): T {
  return requestContext.run(context, work);
}

/** The id of the request being served, or null outside a request (workers, timers, boot). */
export function currentRequestId(): string | null {
  return requestContext.getStore()?.requestId ?? null;
}

/**
 * A client's or proxy's X-Request-Id is kept only when it is a short, safe token (letters, digits,
 * `.`, `_`, `-`, `:`; 8 to 64 characters): it lands in logs, audit rows and webhooks, so it must
 * not carry markup, newlines or a secret-sized blob. Anything else gets a fresh UUID.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Nest's logger on top of pino: structured JSON lines, one logger for framework and requests. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly pino: Pino) {}

  private write(level: 'info' | 'error' | 'warn' | 'debug' | 'trace', message: unknown, params: unknown[]): void {
    const context = typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const requestId = currentRequestId() ?? undefined;
    if (message && typeof message === 'object')
      this.pino[level](
        { context, requestId, ...(message as object) },
        typeof params[0] === 'string' && params.length > 1 ? params[0] : undefined,
      );
    else this.pino[level]({ context, requestId }, String(message));
  }

  log(message: unknown, ...params: unknown[]) {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]) {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]) {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]) {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]) {
    this.write('trace', message, params);
  }
}
