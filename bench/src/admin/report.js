// The admin bench's table (markdown, like the other bench tables).
import { markdownTable } from '../run/report.js';
import { ADMIN_BUDGETS, quantiles } from './index.js';

const ms = (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')) : '-');
const bytes = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');

/** @param {any} r the result of measureAdmin */
export function adminTable(r) {
  const rows = [];
  const row = (what, unit, values, budget) => {
    const q = quantiles(values);
    const met = budget ? ((budget.at === 'p95' ? q.p95 : q.p50) < budget.max ? 'yes' : 'no') : '';
    rows.push([what, unit, q.n, ms(q.p50), ms(q.p95), ms(q.max), budget ? `${budget.at} < ${budget.max} ms` : '', met]);
  };
  for (const [name, s] of Object.entries(r.list)) {
    const serverBudget = name.startsWith('story list') ? { at: 'p95', max: ADMIN_BUDGETS.listServerMs } : null;
    row(`${name}: API server time`, 'ms', s.server, serverBudget);
    row(`${name}: navigation -> rows painted`, 'ms', s.painted, null);
  }
  const editorRows = (e, side) => {
    const tag = side ? ` (${side})` : '';
    row(`editor of the ${r.show.turns}-turn story${tag}: navigation to a link to turn 300 -> its text ready to type`, 'ms', e.interactive, {
      at: 'p95',
      max: ADMIN_BUDGETS.interactiveMs,
    });
    row(`  of which: first byte of the page (admin server render + API)${tag}`, 'ms', e.ttfb, null);
    row(`  long tasks while opening${tag}`, 'ms', e.openLongTaskMs, null);
    row(`200 keystrokes into turn 300${tag}: keydown -> next paint (each key)`, 'ms', e.keys, { at: 'p95', max: ADMIN_BUDGETS.keyP95Ms });
    row(
      `autosave after them${tag}: API server time`,
      'ms',
      e.autosave.map((a) => a.serverMs),
      null,
    );
    row(
      `  long tasks from the first key to 1 s after the autosave${tag}`,
      'ms',
      e.autosave.map((a) => a.longTaskMs),
      null,
    );
    const req = quantiles(e.autosave.map((a) => a.requestBytes));
    const res = quantiles(e.autosave.map((a) => a.responseBytes));
    rows.push([`autosave request body${tag}`, 'bytes', req.n, bytes(req.p50), bytes(req.p95), bytes(req.max), '', '']);
    rows.push([`autosave response body${tag}`, 'bytes', res.n, bytes(res.p50), bytes(res.p95), bytes(res.max), '', '']);
  };
  if (r.editorBefore) editorRows(r.editorBefore, 'before');
  editorRows(r.editor, r.editorBefore ? 'now' : '');
  return markdownTable(['measure', 'unit', 'n', 'p50', 'p95', 'max', 'budget', 'met'], rows);
}
