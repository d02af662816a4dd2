/* global window */
// The admin bench's scenarios, each one measured run: a fresh page in the logged-in browser
// context, the probe (probe.js) installed before the admin's scripts.
import { installProbe } from './probe.js';
import { serverTiming } from './setup.js';

/** Milliseconds since navigation start of the probe's marks, plus the navigation's own timing. */
async function timings(page) {
  return page.evaluate(() => {
    const nav = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
    const bench = window.__bench;
    return {
      marks: { ...bench.marks },
      responseStart: nav?.responseStart ?? Number.NaN,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? Number.NaN,
      longTaskMs: bench.longTasks.reduce((n, t) => n + t.duration, 0),
    };
  });
}

async function openPage(context, watch) {
  const page = await context.newPage();
  await page.addInitScript(installProbe, watch);
  return page;
}

const waitMark = (page, name, timeout = 60_000) =>
  page.waitForFunction((n) => window.__bench?.marks[n] !== undefined, name, { timeout, polling: 50 });

/**
 * A list page (`/stories?...`): navigation start to the first row painted. The page is rendered
 * on the admin's server, so the API's time is measured by the caller on the same request.
 * @returns {Promise<{ rowsPainted: number, ttfb: number, rows: number }>}
 */
export async function listPage(context, base, query) {
  // Rows, or the list's "No stories match" (a search of the mix may match none).
  const page = await openPage(context, { rows: { selector: 'table.story-table tbody tr, p.empty' } });
  try {
    await page.goto(`${base}/stories${query}`, { waitUntil: 'commit' });
    await waitMark(page, 'rows-painted');
    const t = await timings(page);
    const rows = await page.locator('table.story-table tbody tr').count();
    return { rowsPainted: t.marks['rows-painted'], ttfb: t.responseStart, rows };
  } finally {
    await page.close();
  }
}

/**
 * The 600-turn story's editor, opened on a link to turn 300 (`#turn-299`): navigation start to
 * turn 300's text ready to type (hydrated,
 * enabled, the frame after painted); then `chars` keystrokes at the end of turn 300's text
 * (keydown -> next paint, each), then the autosave that follows (request bytes, response bytes,
 * server time, long tasks on the main thread from the last key to 1 s after the answer).
 */
export async function editorRun(context, base, storyId, { turn = 299, chars = 200 } = {}) {
  const textId = `turn-${turn}-text`;
  const page = await openPage(context, { editor: { selector: `#${textId}`, hydrated: true } });
  try {
    // A link to the turn (as the "(ph)" desk makes): the editor scrolls there and puts the caret in its text.
    await page.goto(`${base}/stories/${storyId}#turn-${turn}`, { waitUntil: 'commit' });
    await waitMark(page, 'editor-painted');
    const opened = await timings(page);
    const area = page.locator(`#${textId}`);
    const before = await area.evaluate((el) => {
      const text = /** @type {HTMLTextAreaElement} */ (el);
      text.focus({ preventScroll: false });
      text.setSelectionRange(text.value.length, text.value.length);
      return text.value.length;
    });
    // The first autosave after the typing started (AUTOSAVE_DELAY after a pause; the typing may have one).
    /** @type {Promise<import('@playwright/test').Response>} */
    const saved = new Promise((resolve) =>
      page.on('response', (r) => {
        if (r.request().method() === 'PATCH' && r.url().endsWith(`/api/stories/${storyId}`)) resolve(r);
      }),
    );
    const typed = ' and the council said it would look again at the budget for the river station';
    const beforeTyping = await page.evaluate(() => performance.now());
    for (let i = 0; i < chars; i++) {
      await page.keyboard.press(typed[i % typed.length] === ' ' ? 'Space' : typed[i % typed.length]);
      await page.waitForFunction((n) => window.__bench.keys.length >= n, i + 1, { polling: 'raf' });
    }
    const keys = await page.evaluate(() => [...window.__bench.keys]);
    const value = await area.inputValue();
    if (value.length !== before + chars)
      throw new Error(`${chars} keystrokes made turn ${turn + 1} ${value.length - before} characters longer`);
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('no autosave within 60 s of the last keystroke')), 60_000);
    });
    const response = await Promise.race([saved, late]).finally(() => clearTimeout(timer));
    const request = response.request();
    const body = await response.body();
    await page.waitForTimeout(1000);
    const afterSave = await page.evaluate(
      (from) => window.__bench.longTasks.filter((t) => t.start >= from).reduce((n, t) => n + t.duration, 0),
      beforeTyping,
    );
    return {
      interactive: opened.marks['editor-painted'],
      ttfb: opened.responseStart,
      openLongTaskMs: opened.longTaskMs,
      keys,
      autosave: {
        status: response.status(),
        requestBytes: request.postDataBuffer()?.length ?? 0,
        responseBytes: body.length,
        serverMs: serverTiming(response.headers()['server-timing']),
        longTaskMs: afterSave,
      },
    };
  } finally {
    await page.close();
  }
}
