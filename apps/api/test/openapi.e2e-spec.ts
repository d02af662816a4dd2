import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { StorySchema, VersionSchema } from '@newsdesk/contracts';
import { z } from 'zod';
import { buildOpenApiDocument } from '../src/openapi/openapi.document.js';
import { ENDPOINT_LIST as OPERATIONS, type Endpoint as Operation } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';

/**
 * The served OpenAPI document is valid OpenAPI 3.1 (Redocly's recommended rules: 0 errors) and
 * generates TypeScript types a client can be checked against (openapi-typescript + tsc).
 */

const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const REDOCLY_CLI = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin', 'cli.js');

/** Warnings Redocly may still report, and why (docs/architecture.md lists them too). */
const ACCEPTED_WARNINGS = new Set([
  'info-license', // the project declares no licence; the document does not invent one
  'operation-4xx-response', // routes with no input and no session (health, feeds, this document) have no client error
  'tag-description', // a tag a new route introduces before TAGS in openapi.document.ts describes it
]);

let app: TestApp;
let dir: string;
let document: { openapi: string; paths: Record<string, Record<string, { operationId?: string }>> };
let documentFile: string;

beforeAll(async () => {
  app = await startTestApp();
  dir = await mkdtemp(join(tmpdir(), 'newsdesk-openapi-'));
  const response = await app.request('GET', '/api/openapi.json');
  expect(response.status).toBe(200);
  document = response.body;
  documentFile = join(dir, 'openapi.json');
  await writeFile(documentFile, response.text);
});
afterAll(async () => {
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with an operationId, tag and problem+json errors on every operation', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThan(90);
    const ids = operations.map((op) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(response400(document, '/api/stories', 'post')).toEqual({ $ref: '#/components/responses/Problem400' });
    expect(response400(document, '/api/public/stories', 'get')).toEqual({ $ref: '#/components/responses/Problem400' });
    expect(JSON.stringify(document)).not.toMatch(/"(\$defs|definitions|nullable)"/);
    expect(unresolvedRefs(document)).toEqual([]);
  });

  it('documents a route added to the operation table with no change to the builder', () => {
    interface Tree {
      label: string;
      children: Tree[];
    }
    const TreeSchema: z.ZodType<Tree> = z.lazy(() => z.strictObject({ label: z.string().max(50), children: z.array(TreeSchema) }));
    const added: Operation = {
      method: 'post',
      path: '/api/widgets/{id}/trees',
      summary: 'A route another branch adds',
      tag: 'widgets',
      permission: 'story.write',
      body: z.strictObject({ version: VersionSchema, tree: TreeSchema }),
      response: StorySchema,
    };
    const doc = buildOpenApiDocument([...OPERATIONS, added]) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    const op = doc.paths['/api/widgets/{id}/trees']!.post as {
      operationId: string;
      responses: Record<string, unknown>;
      requestBody: { content: Record<string, { schema: { properties: { tree: { $ref: string } } } }> };
    };
    expect(op.operationId).toBe('postWidgetsByIdTrees');
    expect(Object.keys(op.responses)).toEqual(['200', '400', '401', '403', '404', '409']);
    expect(op.responses['200']).toEqual({
      description: 'OK',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Story' } } },
    });
    // The unexported recursive schema is hoisted under a content name; its self-reference points there.
    const treeRef = op.requestBody.content['application/json']!.schema.properties.tree.$ref;
    expect(treeRef).toMatch(/^#\/components\/schemas\/Schema\w+Input$/);
    expect(JSON.stringify(doc.components.schemas[treeRef.split('/').pop()!])).toContain(treeRef);
    expect(JSON.stringify(doc)).not.toMatch(/"\$defs"/);
    expect(unresolvedRefs(doc)).toEqual([]);
    expect(() => buildOpenApiDocument([...OPERATIONS, added, { ...added, path: '/api/widgets/{id}/trees/' }])).toThrow(
      /operationId postWidgetsByIdTrees is not unique/,
    );
  });

  it('passes `redocly lint` (recommended rules) with 0 errors', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [REDOCLY_CLI, 'lint', documentFile, '--format=json', `--config=${join(API_DIR, 'redocly.yaml')}`],
      {
        cwd: dir,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string; message: string }) => ({ stdout: error.stdout ?? error.message }));
    const report = JSON.parse(stdout) as { problems: LintProblem[] };
    const describeProblem = (p: LintProblem) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`;
    expect(report.problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
    expect(report.problems.filter((p) => !ACCEPTED_WARNINGS.has(p.ruleId)).map(describeProblem)).toEqual([]);
  });

  // Generating and type-checking ~100 operations takes a few seconds on a busy machine.
  it('generates TypeScript types (openapi-typescript) that type a client call, and reject a wrong one', async () => {
    const types = astToString(await openapiTS(JSON.stringify(document)));
    await writeFile(join(dir, 'api.ts'), types); // .ts, not .d.ts: checked even with skipLibCheck
    await writeFile(
      join(dir, 'good.ts'),
      `
import type { paths } from './api';
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
type StoryPage = paths['/api/public/stories']['get']['responses'][200]['content']['application/json'];
type Query = NonNullable<paths['/api/public/stories']['get']['parameters']['query']>;
type CreateStory = paths['/api/stories']['post']['requestBody']['content']['application/json'];

export async function latestHeadline(base: string, query: Query): Promise<string | undefined> {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)]));
  const response = await fetch(\`\${base}/api/public/stories?\${search.toString()}\`);
  const page = (await response.json()) as StoryPage;
  const first = page.items[0];
  const headline: string | undefined = first?.headline;
  return headline;
}
export const headlineIsString: Equals<StoryPage['items'][number]['headline'], string> = true;
export const nextCursor: StoryPage['nextCursor'] = null;
export const draft: CreateStory = { headline: 'Council approves budget' };
export const limit: Query = { limit: 5 };
`,
    );
    await writeFile(
      join(dir, 'bad.ts'),
      `
import type { paths } from './api';
type StoryPage = paths['/api/public/stories']['get']['responses'][200]['content']['application/json'];
type CreateStory = paths['/api/stories']['post']['requestBody']['content']['application/json'];
declare const page: StoryPage;
export const headline: number = page.items[0]!.headline;
export const draft: CreateStory = { headline: 42 };
export const missing: StoryPage = { items: [] };
`,
    );
    const program = ts.createProgram(
      ['api.ts', 'good.ts', 'bad.ts'].map((file) => join(dir, file)),
      {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
        types: [],
        skipLibCheck: true,
      },
    );
    const check = (file: string) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(join(dir, file)))
        .map(
          (d) =>
            `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line}` : ''} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
        );

    expect(check('api.ts')).toEqual([]);
    expect(check('good.ts')).toEqual([]);
    const errors = check('bad.ts');
    // headline is a string, not a number; a body's headline is a string; a page has a nextCursor.
    expect(errors.map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual(['bad.ts:5 TS2322', 'bad.ts:6 TS2322', 'bad.ts:7 TS2741']);
  }, 120_000);
});

/** Every `$ref` in the document that does not resolve to a node of it. */
function unresolvedRefs(doc: unknown): string[] {
  const refs: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') refs.push(value);
        else walk(value);
      }
    }
  };
  walk(doc);
  const resolves = (ref: string) =>
    ref.startsWith('#/') &&
    ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, part) =>
          node && typeof node === 'object' ? (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined,
        doc,
      ) !== undefined;
  return refs.filter((ref) => !resolves(ref));
}

function response400(doc: unknown, path: string, method: string): unknown {
  return (doc as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths[path]?.[method]?.responses['400'];
}
