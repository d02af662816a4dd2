import { defined } from '@newsdesk/contracts';
import * as contracts from '@newsdesk/contracts';
import { CSRF_HEADER, CSRF_VALUE, ENDPOINT_LIST, ProblemSchema, SESSION_COOKIE, type Endpoint } from '@newsdesk/contracts';
import { z } from 'zod';

/** One documented route (an entry of the contracts' route table, ENDPOINTS). */
type Operation = Endpoint;

/**
 * The OpenAPI 3.1 document, derived from the contracts' route table (ENDPOINTS) and the contracts' zod schemas (JSON Schema 2020-12).
 *
 * Generic by construction: every route in ENDPOINTS is documented the same way, so a route added
 * there needs nothing here.
 * - Every zod schema the contracts export as `FooSchema` is a named component `Foo` (its request
 *   form, when it differs from the response form, is `FooInput`). zod emits them, and the recursive
 *   ones (the rich-text document), as `$defs`; they are hoisted into `components.schemas` and every
 *   `$ref` is rewritten to point there, so no schema carries `$defs` of its own.
 * - operationId is `operation.operationId` or derived from method + path (unique; checked here).
 * - Every error is an RFC 9457 problem+json response (`components.responses`).
 */

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const DOC_PREFIX = '#/components/schemas/';
const ANONYMOUS = '';

function hash(text: string): string {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = (Math.imul(value, 31) + text.charCodeAt(i)) >>> 0;
  return value.toString(36);
}

/** Contract schemas by name: `StorySchema` -> `Story`. Only schemas the contracts export get a name. */
function contractRegistry() {
  const registry = z.registry<{ id: string }>();
  for (const [name, value] of Object.entries(contracts)) {
    if (name.endsWith('Schema') && value instanceof z.ZodType && !registry.has(value))
      registry.add(value, { id: name.slice(0, -'Schema'.length) });
  }
  return registry;
}

/** Turns zod schemas into component-referencing JSON Schemas, collecting the components. */
class SchemaCollector {
  private readonly registry = contractRegistry();
  /** Components by final name. */
  readonly schemas: Record<string, JsonSchema> = {};

  /** The JSON Schema of `schema` as seen by a client sending it (`input`) or receiving it (`output`). */
  json(schema: z.ZodType, io: Io): JsonSchema {
    const result = z.toJSONSchema(schema, {
      io,
      metadata: this.registry,
      unrepresentable: 'any',
      target: 'draft-2020-12',
      cycles: 'ref',
      reused: 'inline',
    }) as JsonSchema;
    const { $defs, $schema: _dialect, ...root } = result as JsonSchema & { $defs?: Record<string, JsonSchema> };
    const defs = Object.entries($defs ?? {});
    const names = new Map<string, string>(defs.map(([key]) => [key, this.baseName(key, io)]));
    const rewrite = (node: unknown) =>
      rewriteRefs(node, (ref) => {
        const key = ref.startsWith('#/$defs/') ? decodePointer(ref.slice('#/$defs/'.length)) : undefined;
        const name = key === undefined ? undefined : names.get(key);
        if (!name) throw new Error(`OpenAPI: unresolvable $ref ${ref}`);
        return DOC_PREFIX + encodePointer(name);
      });
    // Anonymous defs (recursion through a schema the contracts do not export) are named by content.
    for (const [key, def] of defs)
      if (names.get(key) === ANONYMOUS)
        names.set(key, `Schema${hash(JSON.stringify(def).replace(/#\/\$defs\/__schema\d+/g, '#'))}${io === 'input' ? 'Input' : ''}`);
    // A name taken by a different schema (e.g. a contract `FooInput` used both ways) gets a number.
    for (const [key, def] of defs) {
      const wanted = defined(names.get(key), 'schema name');
      let name = wanted;
      for (let n = 2; this.schemas[name] && JSON.stringify(this.schemas[name]) !== JSON.stringify(rewrite(def)); n++)
        name = `${wanted}${n}`;
      if (name !== wanted) names.set(key, name);
    }
    for (const [key, def] of defs) this.schemas[defined(names.get(key), 'schema name')] = rewrite(def) as JsonSchema;
    return rewrite(root) as JsonSchema;
  }

  /** The schema itself when `schema` is a reference to a component. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    return typeof ref === 'string' && ref.startsWith(DOC_PREFIX)
      ? (this.schemas[decodePointer(ref.slice(DOC_PREFIX.length))] ?? schema)
      : schema;
  }

  /** A registered schema keeps its contract name, with `Input` for the request form (`FooInput` stays). */
  private baseName(key: string, io: Io): string {
    if (/^__schema\d+$/.test(key)) return ANONYMOUS;
    return io === 'input' && !key.endsWith('Input') ? `${key}Input` : key;
  }

  /** Folds `FooInput` into `Foo` wherever the two are the same schema, so most types have one name.
   *  Answers `document` with its references rewritten and the components sorted by name. */
  mergeInputForms<T extends { components: { schemas: Record<string, unknown> } }>(document: T): T {
    const alias = new Map<string, string>();
    const canonical = (node: unknown) =>
      JSON.stringify(
        rewriteRefs(node, (ref) => {
          const name = decodePointer(ref.slice(DOC_PREFIX.length));
          return DOC_PREFIX + encodePointer(alias.get(name) ?? name);
        }),
      );
    for (let changed = true; changed;) {
      changed = false;
      for (const name of Object.keys(this.schemas)) {
        if (!name.endsWith('Input') || alias.has(name)) continue;
        const base = name.slice(0, -'Input'.length);
        if (this.schemas[base] && canonical(this.schemas[name]) === canonical(this.schemas[base])) {
          alias.set(name, base);
          changed = true;
        }
      }
    }
    for (const name of alias.keys()) delete this.schemas[name];
    const replace = (ref: string) => {
      if (!ref.startsWith(DOC_PREFIX)) return ref;
      const name = decodePointer(ref.slice(DOC_PREFIX.length));
      return DOC_PREFIX + encodePointer(alias.get(name) ?? name);
    };
    const merged = rewriteRefs({ ...document, components: { ...document.components, schemas: this.schemas } }, replace) as T;
    // Keep the components something refers to (an upload's fields are inlined into its multipart body), sorted by name.
    const used = new Set<string>();
    const visit = (node: unknown) =>
      rewriteRefs(node, (ref) => {
        const name = decodePointer(ref.slice(DOC_PREFIX.length));
        if (ref.startsWith(DOC_PREFIX) && !used.has(name)) {
          used.add(name);
          visit(merged.components.schemas[name]);
        }
        return ref;
      });
    visit({ ...merged, components: { ...merged.components, schemas: {} } });
    merged.components.schemas = Object.fromEntries(
      Object.entries(merged.components.schemas)
        .filter(([name]) => used.has(name))
        .sort(([a], [b]) => a.localeCompare(b)),
    );
    return merged;
  }
}

function rewriteRefs(node: unknown, map: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, map));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? map(value) : rewriteRefs(value, map)]),
  );
}
const decodePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');
const encodePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `get /api/stories/{id}/revisions/{n}` -> `getStoriesByIdRevisionsByN`. */
export function operationIdOf(op: Pick<Operation, 'method' | 'path' | 'operationId'>): string {
  if (op.operationId) return op.operationId;
  const words = op.path
    .replace(/^\/api\//, '/')
    .split(/[/.\-_]+/)
    .filter(Boolean)
    .map((part) => {
      const param = /^\{(\w+)\}$/.exec(part)?.[1];
      const word = param ? `By${capitalize(param)}` : part;
      return capitalize(word);
    });
  return op.method + words.join('');
}

const PROBLEMS: Record<string, string> = {
  400: 'The request is malformed or a field is invalid: problem+json naming each field in `errors[]`',
  401: 'No valid session or bearer token',
  403: 'Signed in without the permission this route needs (or a cookie-authenticated write without the CSRF header)',
  404: 'No such resource',
  409: 'Conflict: the version is stale (`currentVersion`, `changedFields`) or a unique value is taken',
  413: 'The upload is too large',
  415: 'The upload is not a supported type',
};
/** Descriptions of the operations' tags; a tag without one is still listed (Redocly warns). */
const TAGS: Record<string, string> = {
  audit: 'The audit log of staff actions',
  auth: 'Sign-in, sessions and passwords',
  correspondents: "Correspondents' profiles (staff)",
  media: 'Uploaded images',
  notes: 'Editorial notes on stories, @mentions and the mentions list (staff only)',
  people: 'The registry of people named in stories',
  presence: 'Who has a story open, and its soft lock (a courtesy: saves are checked by version)',
  public: 'Published content for the website and apps: no session needed',
  schedule: 'Stations, programs, segments, rundowns and recurring slots',
  service: 'Health and this documentation',
  settings: 'Newsroom-wide settings',
  stories: 'Stories and their workflow, revisions and corrections',
  tags: 'Topic tags',
  transcripts: 'Transcript parsing and the "(ph)" desk of unverified spellings',
  users: 'Staff accounts',
};

const problemRef = (status: number) => ({ $ref: `#/components/responses/Problem${status}` });

function operation(op: Operation, schemas: SchemaCollector) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, schema]) => ({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: schemas.json(schema as z.ZodType, 'input'),
      }))
    : [];
  const status = String(op.status ?? 200);
  const upload = op.upload
    ? (schemas.resolve(schemas.json(op.upload, 'input')) as { properties?: Record<string, unknown>; required?: string[] })
    : undefined;
  const errors = new Set<number>();
  if (op.body || op.query || op.upload) errors.add(400);
  if (op.upload) {
    errors.add(413);
    errors.add(415);
  }
  if (op.permission !== 'public') {
    errors.add(401);
    errors.add(403);
  }
  if (op.path.includes('{')) errors.add(404);
  if (op.body && 'version' in ((op.body as z.ZodObject).shape ?? {})) errors.add(409);
  return {
    operationId: operationIdOf(op),
    summary: op.summary,
    tags: [op.tag],
    ...(op.permission === 'public' ? { security: [] } : { description: `Requires the \`${op.permission}\` permission.` }),
    ...(pathParams.length + queryParams.length ? { parameters: [...pathParams, ...queryParams] } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemas.json(op.body, 'input') } } } } : {}),
    ...(upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file', ...(upload.required ?? [])],
                  properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' }, ...upload.properties },
                },
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: op.response
        ? { description: 'OK', content: { 'application/json': { schema: schemas.json(op.response, 'output') } } }
        : { description: status === '204' ? 'No content' : 'OK' },
      ...Object.fromEntries([...errors].sort().map((code) => [code, problemRef(code)])),
    },
  };
}

/** The OpenAPI 3.1 document of every route in `operations` (default: the whole route table). */
export function buildOpenApiDocument(operations: readonly Operation[] = ENDPOINT_LIST): Record<string, unknown> {
  const schemas = new SchemaCollector();
  const problem = schemas.json(ProblemSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  const ids = new Set<string>();
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`OpenAPI: ${op.method} ${op.path} is listed twice`);
    const built = operation(op, schemas);
    if (ids.has(built.operationId)) throw new Error(`OpenAPI: operationId ${built.operationId} is not unique`);
    ids.add(built.operationId);
    item[op.method] = built;
  }
  const tags = [...new Set(operations.map((op) => op.tag))]
    .sort()
    .map((name) => (TAGS[name] ? { name, description: TAGS[name] } : { name }));
  return schemas.mergeInputForms({
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Newsdesk API',
      version: '0.1.0',
      description:
        'Newsroom content: stories, transcripts, people, schedules. Staff routes need a session (bearer token, or the session cookie plus the CSRF header on writes); /api/public/* serves published content only. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token returned by POST /api/auth/login.' },
        cookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: `The session cookie set by POST /api/auth/login; writes must also send \`${CSRF_HEADER}: ${CSRF_VALUE}\`.`,
        },
      },
      responses: Object.fromEntries(
        Object.entries(PROBLEMS).map(([code, description]) => [
          `Problem${code}`,
          { description, content: { 'application/problem+json': { schema: problem } } },
        ]),
      ),
      schemas: {} as Record<string, unknown>,
    },
  });
}
