import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_PORT, ADMIN_URL, API_PORT, API_URL } from './e2e/support/servers';

/**
 * Browser tests against the two production builds: the API (apps/api/dist) on port 4100 with a
 * fresh database and the demo data, and this admin (`next build` output) on port 3100 (ports set by
 * E2E_API_PORT / E2E_ADMIN_PORT, see e2e/support/servers.ts). Run `pnpm build` first; the runner
 * creates the database and passes E2E_DATABASE_URL.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(`Chromium not found at ${chromiumPath}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH`);
}

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) {
  throw new Error('E2E_DATABASE_URL is required: the URL of a fresh, empty PostgreSQL database for the API under test');
}

// Opt in to reusing servers you started yourself (e.g. while writing a test); CI always starts fresh ones.
const reuseExistingServer = process.env.E2E_REUSE_SERVERS === '1';

export default defineConfig({
  testDir: './e2e',
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: ADMIN_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // The audio tests call play() on the admin's <audio> player without a click.
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      name: 'api',
      command: 'node ../api/dist/main.js',
      url: `${API_URL}/health`,
      env: {
        PORT: String(API_PORT),
        DATABASE_URL: databaseUrl,
        DEMO_DATA: 'true',
        NODE_ENV: 'test',
        // One-time set-password links point at this admin (and cookie writes must come from it).
        ADMIN_ORIGIN: ADMIN_URL,
        // Share links' guest pages (/shared/{token}) are on this admin.
        ADMIN_PUBLIC_URL: ADMIN_URL,
        // Only the admin's server (calling from loopback's 127.0.0.1 / ::1) may name the client in
        // X-Forwarded-For: tests play distinct clients from other 127.0.0.x addresses.
        TRUST_PROXY: '127.0.0.1,::1',
        // Uploaded images of this run, outside the repository.
        MEDIA_DIR: path.join(tmpdir(), `newsdesk-e2e-media-${API_PORT}`),
        // Distribution (e2e/distribution.spec.ts): a failing destination gives up after 2 quick attempts.
        DELIVERY_RETRY_BASE_MS: '300',
        DELIVERY_MAX_ATTEMPTS: '2',
      },
      reuseExistingServer,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      name: 'admin',
      // `next start` behind server/server.mjs, which sets X-Forwarded-For from the socket.
      command: `node server/server.mjs -p ${ADMIN_PORT}`,
      url: `${ADMIN_URL}/login`,
      env: {
        API_URL,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer,
      timeout: 60_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
