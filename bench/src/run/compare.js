// Before measuring: the API and the baseline must answer the same requests with the same JSON
// (compared as parsed values: key order and whitespace differ between json and jsonb output).
import { isDeepStrictEqual } from 'node:util';

/** @param {string} url */
async function get(url) {
  const response = await fetch(url, { redirect: 'manual' });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* compared as text below */
  }
  return { status: response.status, text, json };
}

/** The first path where two values differ, for the report. */
function firstDifference(a, b, at = '$') {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return `${at}: API ${JSON.stringify(a)?.slice(0, 200)} / baseline ${JSON.stringify(b)?.slice(0, 200)}`;
}

/**
 * Compares up to `perEndpoint` paths of each endpoint (and one unknown slug per slug endpoint).
 * @param {{ api: string, baseline: string, paths: Record<string, string[]>, perEndpoint: number }} options
 * @returns {Promise<{ compared: number, mismatches: Array<{ endpoint: string, path: string, difference: string }> }>}
 */
export async function compareResponses({ api, baseline, paths, perEndpoint }) {
  const mismatches = [];
  let compared = 0;
  for (const [endpoint, list] of Object.entries(paths)) {
    const chosen = list.slice(0, perEndpoint);
    if (['story', 'tag', 'correspondent'].includes(endpoint) && list[0])
      chosen.push(list[0].replace(/[^/]+$/, 'no-such-slug-in-this-newsroom'));
    for (const path of chosen) {
      const [a, b] = await Promise.all([get(api + path), get(baseline + path)]);
      compared++;
      let difference = null;
      if (a.status !== b.status) difference = `status: API ${a.status} / baseline ${b.status}`;
      else if (a.status === 200)
        difference = a.json && b.json ? firstDifference(a.json, b.json) : a.text === b.text ? null : 'bodies differ (not JSON)';
      if (difference) mismatches.push({ endpoint, path, difference });
    }
  }
  return { compared, mismatches };
}
