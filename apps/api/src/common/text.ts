import type { FieldError } from '@newsdesk/contracts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text PostgreSQL cannot store as sent: U+0000 (text columns refuse it) and lone UTF-16
 * surrogates (the driver would silently turn them into U+FFFD). Null when the text is fine.
 */
export function badTextReason(text: string): string | null {
  if (text.includes('\u0000')) return 'Text must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'Text must be valid Unicode (no lone surrogates)';
  return null;
}

/**
 * The first string in a parsed request value (body, query, params, multipart fields) that holds
 * text PostgreSQL cannot store, or a number that is not finite, as a field error with its dotted path. Iterative (an explicit
 * stack), so a deeply nested value cannot overflow the call stack; each node is visited once.
 */
export function findBadText(value: unknown): FieldError | null {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value: node, path } = top;
    if (typeof node === 'string') {
      const reason = badTextReason(node);
      if (reason) return { field: path || '(body)', message: reason };
    } else if (typeof node === 'number' && !Number.isFinite(node)) {
      // JSON.parse reads 1e999 as Infinity.
      return { field: path || '(body)', message: 'Numbers must be finite' };
    } else if (node && typeof node === 'object') {
      const entries: Array<[string, unknown]> = Object.entries(node);
      // Pushed in reverse, so the first bad field in document order is the one reported.
      for (const [key, child] of entries.reverse()) {
        const keyReason = badTextReason(key);
        const childPath = path ? `${path}.${key}` : key;
        if (keyReason) return { field: childPath, message: `Field names: ${keyReason.charAt(0).toLowerCase()}${keyReason.slice(1)}` };
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return null;
}

/**
 * How deeply a JSON text nests (the most `[`/`{` open at once, outside strings), scanning each
 * character once: O(size), no recursion, stopping as soon as `limit` is passed. True when the
 * text nests deeper than `limit`. Malformed JSON is left for JSON.parse to refuse.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
