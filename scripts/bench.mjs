#!/usr/bin/env node
// `npm run bench [-- options]`: install (as npm start does), build the API and the contracts, then
// run the benchmark harness (bench/src/cli.js). `npm run bench -- --help` lists the options.
// Only Node.js built-ins are used before the install step.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error(`Newsdesk needs Node.js 20 or newer; this is Node.js ${process.versions.node}.`);
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

const argv = process.argv.slice(2);
try {
  const { ensureInstalled } = await import('./lib/install.mjs');
  const { turbo } = await import('./lib/turbo.mjs');
  const { step } = await import('./lib/ui.mjs');
  if (!argv.includes('--help')) {
    step('install');
    await ensureInstalled(root);
    // --admin / --admin-only drive the admin's production build too.
    const admin = argv.includes('--admin') || argv.includes('--admin-only');
    step(admin ? 'build (API, admin and contracts)' : 'build (API and contracts)');
    const { code } = await turbo(root, ['build', '--filter=@newsdesk/api', ...(admin ? ['--filter=@newsdesk/admin'] : [])]);
    if (code !== 0) throw new Error(`build failed (exit code ${code})`);
  }
  const { bench } = await import(pathToFileURL(path.join(root, 'bench/src/cli.js')).href);
  await bench(root, argv);
  process.exit(0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
