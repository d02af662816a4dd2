import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Problem } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pg from 'pg';
import { QueryFailedError } from 'typeorm';
import { DATABASE_RETRY_AFTER_SECONDS, isConnectionError } from './connection-errors.js';
import { CollisionError, DomainError, StaleVersionError, StorageUnavailableError, ThrottledError, ValidationError } from './errors.js';

const STATUS: Record<DomainError['code'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  throttled: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Not signed in',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function problem(status: number, detail: string | undefined, extra: Partial<Problem> = {}): Problem {
  return {
    type: status === 500 ? 'about:blank' : `https://newsdesk.dev/problems/${status}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}

/** The one place where errors become HTTP: RFC 9457 problem+json for everything. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toProblem(exception);
    if (body.status >= 500 && body.status !== 503) this.logger.error({ err: exception, url: request.url }, 'unhandled error');
    if (exception instanceof ThrottledError) void reply.header('Retry-After', String(exception.retryAfterSeconds));
    if (body.status === 503) {
      const cause = exception instanceof StorageUnavailableError ? exception.cause : undefined;
      this.logger.warn(
        {
          url: request.url,
          reason: (exception as Error)?.message,
          ...(cause ? { cause: cause instanceof Error ? cause.message : String(cause) } : {}),
        },
        cause ? 'media storage unavailable: 503' : 'database unreachable: 503',
      );
      void reply.header('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS)).header('Cache-Control', 'no-store');
    }
    void reply
      .status(body.status)
      .type('application/problem+json')
      .send({ ...body, instance: request.url.split('?')[0] });
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof ValidationError) return problem(400, exception.message, { errors: exception.errors });
    if (exception instanceof StaleVersionError) {
      return problem(409, exception.message, {
        currentVersion: exception.currentVersion,
        ...(exception.changedFields ? { changedFields: exception.changedFields } : {}),
      });
    }
    if (exception instanceof CollisionError)
      return problem(409, exception.message, { errors: exception.errors, ...(exception.conflict ? { conflict: exception.conflict } : {}) });
    if (exception instanceof DomainError) return problem(STATUS[exception.code], exception.message);
    // The database is down, restarting or unreachable: the request was fine, retry it shortly.
    if (isConnectionError(exception)) return problem(503, 'The database cannot be reached right now. Retry shortly.');
    // TypeORM wraps the driver's error; statements sent on the pool directly throw it as it is.
    if (exception instanceof QueryFailedError || exception instanceof pg.DatabaseError) {
      const driverError = (exception instanceof QueryFailedError ? exception.driverError : exception) as PgError;
      if (driverError.code === '23505')
        return problem(409, 'This value is already used by another record.', { errors: [uniqueViolation(driverError)] });
      const data = dataError(driverError);
      if (data) return problem(400, 'A value cannot be stored as sent.', { errors: [data] });
      // An exclusion constraint (e.g. overlapping segments) that no service turned into a CollisionError.
      if (driverError.code === '23P01') return problem(409, 'This overlaps another record.');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return problem(status, typeof detail === 'string' ? detail : exception.message);
    }
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      // Fastify's own errors (malformed JSON, body too large, wrong content type).
      return problem(statusCode, (exception as Error).message);
    }
    return problem(500, 'Something went wrong on our side. It has been logged.');
  }
}

interface PgError {
  code?: string;
  detail?: string;
  table?: string;
  column?: string;
}

/** What a unique violation collided on, in our words: the field (camelCase of the key column) and the kind of record. */
const RECORD_NOUNS: Record<string, string> = {
  stories: 'story',
  story_slug_redirects: 'story (as an old address)',
  tags: 'tag',
  tag_redirects: 'tag (as an old address)',
  people: 'person',
  correspondents: 'correspondent',
  programs: 'program',
  stations: 'station',
  users: 'user',
  media: 'image',
};
function uniqueViolation(error: PgError): { field: string; message: string } {
  const column = /^Key \(([a-z_]+)/.exec(error.detail ?? '')?.[1];
  const field = column ? column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : '(body)';
  const noun = RECORD_NOUNS[error.table ?? ''] ?? 'record';
  return { field, message: `This ${column ? column.replace(/_/g, ' ') : 'value'} is already used by another ${noun}` };
}

/**
 * PostgreSQL's data exceptions that only a value sent by the client can cause (bad encoding, bad
 * syntax for a type, out of range, too long) and 54000 (a value too large for an index or a
 * tsvector) are input that validation let through: 400 naming the column when PostgreSQL says
 * which, never a 500. Others of class 22 (division by zero...) stay 500s: our bugs, not input.
 */
const DATA_ERRORS: Record<string, string> = {
  '22021': 'Text must be valid UTF-8 without NUL characters',
  '22P05': 'Text holds a character the database cannot store',
  '22P02': 'A value has the wrong format',
  '22003': 'A number is out of range',
  '22007': 'A date or time has the wrong format',
  '22008': 'A date or time is out of range',
  '22001': 'A text is too long',
  '54000': 'A value is too large to store or index',
};
function dataError(error: PgError): { field: string; message: string } | null {
  const message = error.code ? DATA_ERRORS[error.code] : undefined;
  if (!message) return null;
  const field = error.column ? error.column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()) : '(body)';
  return { field, message };
}
