import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/**
 * Errors that mean "the database cannot be reached right now", not "this request is wrong": the
 * server is down or restarting (SQLSTATE class 08 connection exceptions, 57P01-57P03 admin/crash
 * shutdown and cannot-connect-now), the socket was refused, reset or timed out, the pool could not
 * hand out a connection in time, or node-postgres lost the connection under a query — including
 * TypeORM's QueryRunnerProviderAlreadyReleasedError: the connection of a transaction was lost
 * between two of its statements and TypeORM released it, so the next statement finds it gone. They answer
 * 503 with Retry-After (ProblemFilter), and the background workers retry them quietly.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not open|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

/** Seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function isConnectionError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const { code, message, driverError, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string' && (/^08...$/.test(code) || /^57P0[123]$/.test(code) || SOCKET_CODES.has(code))) return true;
  if (typeof message === 'string' && MESSAGES.test(message)) return true;
  if (error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  // TypeORM wraps the driver's error; node's AggregateError (happy-eyeballs connect) lists several.
  if (driverError && isConnectionError(driverError, depth + 1)) return true;
  if (cause && isConnectionError(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((inner) => isConnectionError(inner, depth + 1));
}
