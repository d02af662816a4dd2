import { z } from 'zod';

/** Every record id is a UUID. */
export const IdSchema = z.uuid();
export const IdParamSchema = z.object({ id: IdSchema });

/** Optimistic concurrency: every write carries the version it was based on. */
export const VersionSchema = z.number().int().min(1);

/** An opaque keyset cursor, as returned in `nextCursor`. */
export const CursorSchema = z.string().min(1).max(200);
export const LimitSchema = z.coerce.number().int().min(1).max(100).default(20);

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** One invalid field, as named in a problem's `errors`. `field` is a dotted path ("body.headline" style without the "body"). */
/**
 * The deepest nesting of arrays and objects any JSON request body may have (the API answers 400
 * beyond it, before parsing). The deepest legitimate body, a rich-text document at its own cap
 * (RICH_TEXT_MAX_DEPTH), stays well inside it.
 */
export const JSON_MAX_DEPTH = 64;

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** RFC 9457 problem details, the shape of every error the API returns. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
  /** On a 409 for a stale edit: the version the record has now, and the fields changed since the client's version. */
  currentVersion: z.number().int().optional(),
  changedFields: z.array(z.string()).optional(),
  /** On a 409 for a collision (e.g. an overlapping segment): the record in the way. */
  conflict: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

/** Turns zod issues into the API's field errors (`errors[]` of a problem). */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return issuesToFields(error.issues, []);
}

type Issue = z.core.$ZodIssue;
/** A branch of a union that fails on a required field it does not have: the value is of another branch. */
const missesAField = (issues: readonly Issue[]) => issues.some((i) => i.code === 'invalid_type' && /received undefined$/.test(i.message));

function issuesToFields(issues: readonly Issue[], prefix: PropertyKey[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const path = [...prefix, ...issue.path];
    // An unknown key is named as a field of its own (a query parameter, a body field).
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path.map(String), key].join('.'), message: `Unknown field "${key}"` }));
    }
    // A union (e.g. a transcript turn: spoken or cue) whose value is plainly of one branch (the others
    // miss a required field): that branch's own errors, so the field named is the one that is wrong.
    if (issue.code === 'invalid_union' && issue.errors.length > 1) {
      const applicable = issue.errors.filter((branch) => branch.length && !missesAField(branch));
      if (applicable.length === 1) return issuesToFields(applicable[0] as Issue[], path);
    }
    return [{ field: path.length ? path.map(String).join('.') : '(body)', message: issue.message }];
  });
}

/** One readiness check: `disabled` when the feature it watches is turned off. */
export const HealthCheckSchema = z.object({ status: z.enum(['up', 'down', 'disabled']), detail: z.string().optional() });
/** Readiness (`GET /health/ready`, and `GET /health` for compatibility): 200 when every check is up, else 503. */
export const HealthSchema = z.object({
  status: z.enum(['ok', 'error']),
  db: z.enum(['up', 'down']),
  checks: z
    .object({
      database: HealthCheckSchema,
      migrations: HealthCheckSchema.extend({ pending: z.array(z.string()).optional() }),
      outbox: HealthCheckSchema.extend({ due: z.number().int().optional(), lagSeconds: z.number().optional(), maxLagSeconds: z.number() }),
      cacheListener: HealthCheckSchema,
    })
    .optional(),
});
export type Health = z.infer<typeof HealthSchema>;
/** Liveness (`GET /health/live`): the process answers; no dependency is checked. `draining` (503): shutting down, send elsewhere. */
export const LivenessSchema = z.object({ status: z.enum(['ok', 'draining']), uptimeSeconds: z.number() });
export type Liveness = z.infer<typeof LivenessSchema>;

/**
 * An invariant instead of a `!` assertion: the value the caller knows is there (an INSERT ... RETURNING
 * row, an index inside the bounds it just checked); a broken invariant throws a named error.
 */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`Invariant broken: ${what} is missing`);
  return value;
}
