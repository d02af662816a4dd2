import { ProblemSchema } from '@newsdesk/contracts';
import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.js';

const json = (schema: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });

const problem = { description: 'Problem details (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };

/** A multipart body: the binary `file` plus the schema's text fields. */
function uploadSchema(fields: z.ZodObject) {
  const text = json(fields, 'input') as { properties?: Record<string, unknown> };
  return { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...text.properties } };
}

function operation(op: Operation) {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams = op.query
    ? Object.entries(op.query.shape).map(([name, schema]) => ({
        name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: json(schema as z.ZodType, 'input'),
      }))
    : [];
  const status = String(op.status ?? (op.method === 'post' && op.body && op.response ? 200 : 200));
  return {
    summary: op.summary,
    tags: [op.tag],
    ...(op.permission === 'public' ? { security: [] } : { description: `Requires the \`${op.permission}\` permission.` }),
    parameters: [...pathParams, ...queryParams],
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: json(op.body, 'input') } } } } : {}),
    ...(op.upload ? { requestBody: { required: true, content: { 'multipart/form-data': { schema: uploadSchema(op.upload) } } } } : {}),
    responses: {
      [status]: op.response ? { description: 'OK', content: { 'application/json': { schema: json(op.response, 'output') } } } : { description: 'OK' },
      ...(op.body || op.query || op.upload ? { 400: problem } : {}),
      ...(op.upload ? { 413: problem, 415: problem } : {}),
      ...(op.permission === 'public' ? {} : { 401: problem, 403: problem }),
      ...(op.path.includes('{') ? { 404: problem } : {}),
      ...(op.body && 'version' in ((op.body as z.ZodObject).shape ?? {}) ? { 409: problem } : {}),
    },
  };
}

/** The OpenAPI 3 document, derived from the contracts' zod schemas. */
export function buildOpenApiDocument(): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  return {
    openapi: '3.0.3',
    info: { title: 'Newsdesk API', version: '0.1.0', description: 'Newsroom content: stories, transcripts, people, schedules. Staff routes need a session; /api/public/* serves published content only.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'newsdesk_session' },
      },
      schemas: { Problem: json(ProblemSchema, 'output') },
    },
    paths,
  };
}
