#!/usr/bin/env node
// Newsdesk's two commands:
//   npm start   install, build, start PostgreSQL (embedded unless DATABASE_URL), the API and the admin
//   npm test    install, lint, typecheck, build, Jest suites, Playwright suite
// Everything else lives in scripts/lib/. Only Node.js built-ins are used before the install step.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_NODE = 20;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE) {
  console.error(`Newsdesk needs Node.js ${MIN_NODE} or newer; this is Node.js ${process.versions.node}.`);
  console.error('Install a current LTS from https://nodejs.org (or with nvm: `nvm install --lts`).');
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const command = process.argv[2];
const commands = {
  start: () => import('./lib/start.mjs').then(({ start }) => start(root)),
  test: () =>
    import('./lib/test.mjs').then(async ({ test }) => {
      process.exitCode = await test(root);
    }),
};
if (!commands[command]) {
  console.error('usage: node scripts/newsdesk.mjs start|test   (or: npm start / npm test)');
  process.exit(2);
}
commands[command]().catch((error) => {
  console.error(error);
  process.exit(1);
});
