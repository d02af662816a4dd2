// Reads test totals from Jest's and Playwright's console output (as relayed by turbo).
import { stripAnsi } from './ui.mjs';

/** Lines without ANSI codes and without turbo's "<package>:<task>: " prefix. */
function lines(output) {
  return stripAnsi(output)
    .split(/\r?\n/)
    .map((line) => line.replace(/^\S+:[\w-]+: /, ''));
}

/** Sums every Jest "Tests: 1 failed, 2 skipped, 10 passed, 13 total" line. Null if none. */
export function parseJest(output) {
  let found = false;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const line of lines(output)) {
    const match = /^Tests:\s+(.*\d+ total)/.exec(line.trim());
    if (!match) continue;
    found = true;
    for (const [, n, kind] of match[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      counts[kind === 'todo' ? 'skipped' : kind] += Number(n);
    }
  }
  return found ? counts : null;
}

/** Playwright's closing lines: "  12 passed (30s)", "  1 failed", "  2 flaky", "  1 skipped". Null if none. */
export function parsePlaywright(output) {
  let found = false;
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const line of lines(output)) {
    const match = /^\s*(\d+) (passed|failed|flaky|skipped|did not run|interrupted)\b/.exec(line);
    if (!match) continue;
    found = true;
    const n = Number(match[1]);
    if (match[2] === 'passed' || match[2] === 'flaky') counts.passed += n;
    else if (match[2] === 'failed' || match[2] === 'interrupted') counts.failed += n;
    else counts.skipped += n;
  }
  return found ? counts : null;
}
