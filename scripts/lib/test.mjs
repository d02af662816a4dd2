// `npm test`: install, lint + typecheck, build, Jest (real PostgreSQL), Playwright (Chromium).
// Runs every step it can, prints a summary and ends with a plain "N passed, M failed" line.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { findChromium } from './chromium.mjs';
import { ensureInstalled } from './install.mjs';
import { watchLauncher } from './launcher.mjs';
import { childEnv } from './proc.mjs';
import { parseJest, parsePlaywright } from './totals.mjs';
import { turbo } from './turbo.mjs';
import { color, error, formatDuration, info, step, warn } from './ui.mjs';

export async function test(root) {
  const startedAt = Date.now();
  const results = []; // { title, status: 'passed'|'failed'|'skipped', ms, note }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let interrupted = false;
  let current = null;

  const onSignal = (signal, isEvent = false) => {
    if (interrupted) return;
    interrupted = true;
    warn(`${isEvent ? signal : `${signal} received`}: stopping after the current step, then cleaning up`);
    const child = current;
    // The terminal already signalled the child; if it was only us, pass it on.
    setTimeout(() => {
      if (child && child.exitCode === null) child.kill('SIGINT');
    }, 3_000).unref();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
  watchLauncher(() => onSignal('npm exited', true));
  const track = (child) => {
    current = child;
  };

  /** Runs one step; fn returns { ok, note? }, or throws. */
  const runStep = async (title, fn, { skip } = {}) => {
    if (interrupted || skip) {
      results.push({ title, status: 'skipped', ms: 0, note: interrupted ? 'interrupted' : skip });
      return false;
    }
    step(title);
    const t = Date.now();
    let outcome;
    try {
      outcome = await fn();
    } catch (e) {
      error(e.message);
      outcome = { ok: false, note: e.message.split('\n')[0] };
    }
    current = null;
    if (interrupted) outcome = { ok: false, note: `interrupted${outcome.note ? ` (${outcome.note})` : ''}` };
    results.push({ title, status: outcome.ok ? 'passed' : 'failed', ms: Date.now() - t, note: outcome.note });
    return outcome.ok;
  };
  const turboStep = (args, env, parse) => async () => {
    const { code, output } = await turbo(root, args, { env: childEnv(env), capture: Boolean(parse), onSpawn: track });
    const counts = parse ? parse(output) : null;
    if (counts) for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
    const note = counts
      ? `${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
      : undefined;
    return { ok: code === 0, note: code === 0 ? note : `${note ? `${note}; ` : ''}exit code ${code}`, counts };
  };

  const chromium = findChromium();
  if (!chromium.path) warn(`${chromium.message} (the Playwright step will fail)`);
  // The production-shape suite (apps/api/test/prod-shape.e2e-spec.ts) runs the real Caddy.
  try {
    const { findCaddy } = await import('./prod-shape.mjs');
    findCaddy();
  } catch (e) {
    warn(`${e.message} (the production-shape Jest suite will fail)`);
  }

  const installed = await runStep('install', async () => {
    await ensureInstalled(root);
    return { ok: true };
  });
  const pgLib = installed ? await import('./postgres.mjs') : null;

  await runStep('lint + typecheck + format', turboStep(['lint', 'typecheck', 'format:check', '--continue']), {
    skip: !installed && 'install failed',
  });
  const built = await runStep('build', turboStep(['build']), { skip: !installed && 'install failed' });

  // ---- PostgreSQL server for the run: DATABASE_URL, else an embedded one in a temp dir.
  let adminUrl = null;
  let embedded = null;
  const dataDir = path.join(root, '.data', `test-postgres-${process.pid}`);
  await runStep(
    'database',
    async () => {
      if (process.env.DATABASE_URL) {
        adminUrl = process.env.DATABASE_URL;
        await pgLib.ensureDatabase(adminUrl, pgLib.databaseName(adminUrl));
        return { ok: true, note: `DATABASE_URL ${pgLib.redactUrl(adminUrl)}` };
      }
      const { startPostgresHost } = await import('./pg-host.mjs');
      embedded = await startPostgresHost({ dataDir, port: await pgLib.findFreePort(), persistent: false });
      adminUrl = embedded.url;
      return { ok: true, note: `embedded PostgreSQL on port ${embedded.port}` };
    },
    { skip: !built && 'build failed' },
  );

  const jestStep = turboStep(['test', '--concurrency=1', '--continue'], { TEST_DATABASE_URL: adminUrl }, parseJest);
  await runStep('jest', jestStep, { skip: !adminUrl && 'no database' });

  const e2eDatabases = [];
  await runStep(
    'playwright',
    async () => {
      if (!chromium.path) return { ok: false, note: chromium.message };
      const e2eUrl = await pgLib.createFreshDatabase(adminUrl, 'newsdesk_e2e');
      e2eDatabases.push(e2eUrl);
      info(`Chromium: ${chromium.path}; e2e database: ${pgLib.databaseName(e2eUrl)}`);
      return turboStep(
        ['e2e', '--filter=@newsdesk/admin'],
        {
          E2E_DATABASE_URL: e2eUrl,
          CHROMIUM_PATH: chromium.path,
          PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        },
        parsePlaywright,
      )();
    },
    { skip: !adminUrl && 'no database' },
  );

  // ---- Cleanup (always).
  for (const url of e2eDatabases) {
    await pgLib.dropDatabase(adminUrl, url).catch((e) => warn(`could not drop ${pgLib.databaseName(url)}: ${e.message}`));
  }
  if (embedded) {
    info('stopping the embedded PostgreSQL');
    await embedded.stop();
  }
  if (existsSync(dataDir)) await rm(dataDir, { recursive: true, force: true });

  return summary({ results, totals, startedAt, interrupted, chromiumMessage: chromium.message });
}

function summary({ results, totals, startedAt, interrupted, chromiumMessage }) {
  console.log(`\n${color.bold('Summary')}`);
  const icon = { passed: color.green('✔'), failed: color.red('✘'), skipped: color.yellow('–') };
  for (const r of results) {
    const time = r.status === 'skipped' ? '' : formatDuration(r.ms);
    console.log(`  ${icon[r.status]} ${r.title.padEnd(18)} ${time.padStart(7)}  ${r.note ? color.dim(r.note) : ''}`);
  }
  // A failed step whose failure shows in no test count (lint, build, a crashed suite) counts as one failure.
  const failedSteps = results.filter((r) => r.status === 'failed' || (r.status === 'skipped' && interrupted));
  const unexplained = failedSteps.filter((r) => !/\b[1-9]\d* failed/.test(r.note ?? '')).length;
  const failed = totals.failed + unexplained;
  console.log(`  total time ${formatDuration(Date.now() - startedAt)}`);
  if (chromiumMessage) error(chromiumMessage);
  if (failedSteps.length) console.log(`Failed steps: ${failedSteps.map((r) => r.title).join(', ')}`);
  console.log(`${totals.passed} passed, ${failed} failed`);
  if (interrupted) return 130;
  return failed === 0 ? 0 : 1;
}
