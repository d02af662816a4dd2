/**
 * How deeply HTML from an integration (a story's `bodyHtml`) or a bio may nest its elements. A
 * document is rarely more than 10 deep; the cap keeps the HTML parsers, whose cost grows with
 * the square of the depth (40,000 nested `<b>` take them seconds), fast on any input.
 */
export const HTML_MAX_DEPTH = 100;

/** Tags that never nest by themselves (void elements) or that the next sibling closes (p, li...): not counted. */
const UNCOUNTED_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'rb', 'rt', 'rp', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption',
]);

/**
 * Whether HTML nests elements deeper than `limit`, by one pass over the text (O(size)): the HTML
 * parsers we use keep a stack they scan on every tag, so 40,000 nested `<b>` cost them seconds.
 * Conservative: it counts opening tags minus closing ones, leaving out void elements and those
 * closed by their next sibling, and ignores comments' content only roughly (a `<` inside an
 * attribute or comment may count): a document near the limit is refused rather than parsed.
 */
export function htmlDepthExceeds(html: string, limit: number): boolean {
  let depth = 0;
  let i = html.indexOf('<');
  while (i !== -1) {
    const closing = html.charCodeAt(i + 1) === 0x2f;
    let end = i + (closing ? 2 : 1);
    while (end < html.length && /[a-zA-Z0-9-]/.test(html[end]!)) end++;
    const name = html.slice(i + (closing ? 2 : 1), end).toLowerCase();
    if (!/^[a-z]/.test(name)) {
      i = html.indexOf('<', i + 1); // not a tag: a `<` in text
      continue;
    }
    const gt = html.indexOf('>', end);
    if (gt === -1) return false; // no tag can end after this point
    if (!UNCOUNTED_TAGS.has(name) && html.charCodeAt(gt - 1) !== 0x2f) {
      if (closing) depth = Math.max(0, depth - 1);
      else if (++depth > limit) return true;
    }
    i = html.indexOf('<', gt + 1);
  }
  return false;
}
