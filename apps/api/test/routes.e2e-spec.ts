import { PERMISSIONS, ROLES, type Permission, type Role } from '@newsdesk/contracts';
import { ENDPOINT_LIST as OPERATIONS } from '@newsdesk/contracts';
import { startTestApp, type TestApp } from './support/app.js';
import { fill, routes } from './support/routes.js';

const ROUTES = routes();

let app: TestApp;
let checkedPairs = 0;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  process.stdout.write(
    `route x role matrix: ${ROUTES.length} routes, ${checkedPairs} (route, caller) pairs checked (${ROLES.length} roles + no session)\n`,
  );
});

describe('the router', () => {
  it('has routes to check', () => {
    expect(ROUTES.length).toBeGreaterThan(10);
  });

  it.each(ROUTES.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    '%s declares a permission and is documented',
    (_, route) => {
      expect(route.permission).toBeDefined();
      const documented = OPERATIONS.find((op) => op.method === route.method && op.path === route.path);
      expect(documented?.permission).toBe(route.permission);
    },
  );

  it('documents no route that does not exist', () => {
    for (const op of OPERATIONS) expect(ROUTES.some((route) => route.method === op.method && route.path === op.path)).toBe(true);
  });

  it.each(
    ROUTES.filter((route) => route.permission === 'public').map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const),
  )('%s is open without a session', async (_, route) => {
    const response = await app.request(route.method.toUpperCase(), fill(route.path), { body: route.method === 'get' ? undefined : {} });
    expect([401, 403]).not.toContain(response.status);
    checkedPairs++;
  });

  it.each(
    ROUTES.filter((route) => route.permission !== 'public').map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const),
  )('%s answers each role as the permission table says', async (_, route) => {
    const path = fill(route.path);
    const anonymous = await app.request(route.method.toUpperCase(), path, { body: route.method === 'get' ? undefined : {} });
    expect(anonymous.status).toBe(401);
    checkedPairs++;
    for (const role of ROLES) {
      // A fresh session per call: some routes (logout) end the session they are called with.
      const { token } = await app.signIn([role]);
      const allowed = (PERMISSIONS[route.permission as Permission] as readonly Role[]).includes(role);
      const response = await app.request(route.method.toUpperCase(), path, { token, body: route.method === 'get' ? undefined : {} });
      if (allowed) expect([401, 403]).not.toContain(response.status);
      else expect(response.status).toBe(403);
      checkedPairs++;
    }
  });
});

describe('service endpoints', () => {
  it('reports health with the database state', async () => {
    const health = await app.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', db: 'up' });
  });

  it('serves an OpenAPI document derived from the contracts, and Swagger UI', async () => {
    const doc = await app.request('GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.1');
    const createStory = doc.body.paths['/api/stories'].post.requestBody.content['application/json'].schema.$ref.replace(
      '#/components/schemas/',
      '',
    );
    expect(doc.body.components.schemas[createStory].properties.headline.maxLength).toBe(200);
    expect(doc.body.paths['/api/stories/{id}'].patch.responses['409']).toBeDefined();
    const ui = await app.request('GET', '/api/docs');
    expect(ui.text).toContain('swagger-ui-bundle.js');
    expect((await app.request('GET', '/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers unknown routes with problem+json 404', async () => {
    const response = await app.request('GET', '/api/nowhere');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const response = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });
});
