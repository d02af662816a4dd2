import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Role } from '@newsdesk/contracts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { createPino } from '../../src/common/logger.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase } from '../../src/database/data-source.js';
import { upsertUser } from '../../src/users/upsert-user.js';

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (global-setup provides it)');
  return url;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestApp {
  url: string;
  /** A correspondent to byline test stories with (publishing needs a byline). */
  bylineId: string;
  db: DataSource;
  config: Config;
  /** The Nest application (for a provider's method a test drives directly, e.g. a periodic sweep). */
  nest: NestFastifyApplication;
  /** Creates an active user with these roles and returns a bearer token for them. */
  signIn(roles: Role[]): Promise<{ token: string; email: string; password: string; userId: string }>;
  /** fetch against the app; `token` adds a Bearer header; `body` is sent as JSON. */
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
  ): Promise<{ status: number; headers: Headers; body: any; text: string }>;
  close(): Promise<void>;
}

async function createTestByline(request: TestApp['request'], db: DataSource): Promise<{ bylineId: string }> {
  const email = `byline-admin-${randomBytes(4).toString('hex')}@test.newsdesk.local`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  await upsertUser(db, { email, name: 'Byline Admin', roles: ['admin'], password });
  const { body: login } = await request('POST', '/api/auth/login', { body: { email, password } });
  const created = await request('POST', '/api/correspondents', {
    token: login.token,
    body: { name: 'Tess Reporter', title: 'Correspondent', bureau: 'Washington' },
  });
  if (created.status !== 201) throw new Error(`test byline: ${created.status} ${created.text}`);
  return { bylineId: created.body.id };
}

/** A fresh database (migrated) and the real HTTP app on a random port: one per test file. */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const name = `newsdesk_test_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url.toString(),
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  });
  const db = await openDatabase(config.DATABASE_URL, 5);
  const app: NestFastifyApplication = await createApp(config, db, createPino(config.LOG_LEVEL));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  let counter = 0;

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(base + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (304, HTML, plain text): callers read `text`
    }
    return { status: response.status, headers: response.headers, body, text };
  };

  const { bylineId } = await createTestByline(request, db);

  return {
    url: base,
    bylineId,
    db,
    config,
    nest: app,
    request,
    async signIn(roles) {
      const email = `${roles.join('-') || 'none'}-${++counter}-${randomBytes(3).toString('hex')}@test.newsdesk.local`;
      const password = `pw-${randomBytes(12).toString('hex')}`;
      const userId = await upsertUser(db, { email, name: `Test ${roles.join(' ')}`, roles, password });
      const login = await request('POST', '/api/auth/login', { body: { email, password } });
      if (login.status !== 200) throw new Error(`test sign-in failed: ${login.status} ${login.text}`);
      return { token: login.body.token as string, email, password, userId };
    },
    async close() {
      await app.close();
      await db.destroy();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
