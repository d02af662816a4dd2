/* global window, document, requestAnimationFrame, MessageChannel, PerformanceObserver */
// The in-page probe of the admin bench, installed before any page script (Playwright's
// addInitScript). It only observes: performance marks when a watched condition first holds, and
// when the frame after it has been painted (requestAnimationFrame, then a message posted from it:
// the message runs after that frame's paint); keystroke -> next paint per key; long tasks.

/**
 * Runs in the page. `watch`: name -> { selector, hydrated? }; the condition holds when the selector
 * matches and (hydrated) React has attached its props to the element and it is enabled, i.e. a
 * keystroke there reaches the editor's handlers.
 * @param {Record<string, { selector: string, hydrated?: boolean }>} watch
 */
export function installProbe(watch) {
  const bench = {
    /** name -> ms since navigation start, when the condition first held and when that frame was painted */
    marks: /** @type {Record<string, number>} */ ({}),
    keys: /** @type {number[]} */ ([]),
    longTasks: /** @type {Array<{ start: number, duration: number }>} */ ([]),
  };
  window.__bench = bench;
  const afterPaint = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => callback(performance.now());
      channel.port2.postMessage(0);
    });
  const holds = ({ selector, hydrated }) => {
    const element = document.querySelector(selector);
    if (!element) return false;
    if (!hydrated) return true;
    return !(/** @type {HTMLInputElement} */ (element).disabled) && Object.keys(element).some((k) => k.startsWith('__reactProps$'));
  };
  const pending = new Set(Object.keys(watch));
  const check = () => {
    for (const name of [...pending]) {
      if (!holds(watch[name])) continue;
      pending.delete(name);
      performance.mark(`bench:${name}`);
      bench.marks[name] = performance.now();
      afterPaint((t) => {
        performance.mark(`bench:${name}-painted`);
        bench.marks[`${name}-painted`] = t;
      });
    }
    if (pending.size) requestAnimationFrame(check);
  };
  if (pending.size) requestAnimationFrame(check);
  // Keystroke -> next paint: from the keydown's timestamp (when the input reached the page) to after the next frame.
  document.addEventListener(
    'keydown',
    (event) => {
      const t0 = event.timeStamp;
      afterPaint((t) => bench.keys.push(t - t0));
    },
    true,
  );
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task timing */
  }
}
