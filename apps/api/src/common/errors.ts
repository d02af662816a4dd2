import type { FieldError } from '@newsdesk/contracts';

/**
 * Domain errors: services throw these with a code; ProblemFilter maps them to RFC 9457 responses.
 * Nothing below the controller layer knows about HTTP statuses.
 */
export class DomainError extends Error {
  constructor(
    readonly code: 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'throttled' | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request has invalid fields.',
  ) {
    super('invalid', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to continue.') {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Your role does not allow this.') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  /** `reason`: why there is none, when that helps the caller ("The transcript's turns have no times."). */
  constructor(what: string, reason?: string) {
    super('not_found', reason ? `${what} was not found. ${reason}` : `${what} was not found.`);
  }
}

export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly currentVersion?: number,
  ) {
    super('conflict', message);
  }
}

/** A stale edit: the record moved on since the client read it. */
export class StaleVersionError extends ConflictError {
  constructor(
    what: string,
    currentVersion: number,
    readonly changedFields?: string[],
  ) {
    super(
      `This ${what} changed since you opened it (it is now at version ${currentVersion}${changedFields?.length ? `; changed: ${changedFields.join(', ')}` : ''}). Reload it and apply your edit again.`,
      currentVersion,
    );
  }
}

/** A write that collides with another record (e.g. an overlapping segment): 409 naming it in `conflict`. */
export class CollisionError extends ConflictError {
  constructor(
    message: string,
    readonly errors: FieldError[],
    readonly conflict?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class ThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('throttled', `Too many attempts. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

/**
 * The media storage (an S3-compatible bucket) refused, failed or did not answer: the request was
 * fine, retry it shortly (503 with Retry-After). `cause` keeps the storage's own error for the log;
 * clients never see its text (it names hosts and keys).
 */
export class StorageUnavailableError extends DomainError {
  constructor(override readonly cause: unknown) {
    super('unavailable', 'The media storage cannot be reached right now. Retry shortly.');
  }
}
