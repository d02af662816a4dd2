import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
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

interface LintProblem { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }

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
  });

  it('passes `redocly lint` (recommended rules) with 0 errors', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [REDOCLY_CLI, 'lint', documentFile, '--format=json', `--config=${join(API_DIR, 'redocly.yaml')}`], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; message: string }) => ({ stdout: error.stdout ?? error.message }));
    const report = JSON.parse(stdout) as { problems: LintProblem[] };
    const describeProblem = (p: LintProblem) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`;
    expect(report.problems.filter((p) => p.severity === 'error').map(describeProblem)).toEqual([]);
    expect(report.problems.filter((p) => !ACCEPTED_WARNINGS.has(p.ruleId)).map(describeProblem)).toEqual([]);
  });

  // Generating and type-checking ~100 operations takes a few seconds on a busy machine.
  it('generates TypeScript types (openapi-typescript) that type a client call, and reject a wrong one', async () => {
    const types = astToString(await openapiTS(JSON.stringify(document)));
    await writeFile(join(dir, 'api.ts'), types); // .ts, not .d.ts: checked even with skipLibCheck
    await writeFile(join(dir, 'good.ts'), `
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
`);
    await writeFile(join(dir, 'bad.ts'), `
import type { paths } from './api';
type StoryPage = paths['/api/public/stories']['get']['responses'][200]['content']['application/json'];
type CreateStory = paths['/api/stories']['post']['requestBody']['content']['application/json'];
declare const page: StoryPage;
export const headline: number = page.items[0]!.headline;
export const draft: CreateStory = { headline: 42 };
export const missing: StoryPage = { items: [] };
`);
    const program = ts.createProgram(['api.ts', 'good.ts', 'bad.ts'].map((file) => join(dir, file)), {
      strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [], skipLibCheck: true,
    });
    const check = (file: string) => ts.getPreEmitDiagnostics(program, program.getSourceFile(join(dir, file))).map((d) =>
      `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line}` : ''} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);

    expect(check('api.ts')).toEqual([]);
    expect(check('good.ts')).toEqual([]);
    const errors = check('bad.ts');
    // headline is a string, not a number; a body's headline is a string; a page has a nextCursor.
    expect(errors.map((e) => e.split(' ').slice(0, 2).join(' '))).toEqual(['bad.ts:5 TS2322', 'bad.ts:6 TS2322', 'bad.ts:7 TS2741']);
  }, 120_000);
});

function response400(doc: unknown, path: string, method: string): unknown {
  return (doc as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }).paths[path]?.[method]?.responses['400'];
}
