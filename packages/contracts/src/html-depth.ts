/**
 * How deeply HTML from an integration (a story's `bodyHtml`) or a bio may nest its elements. A
 * document is rarely more than 10 deep; the cap keeps the HTML parsers, whose cost grows with
 * the square of the depth (40,000 nested `<b>` take them seconds), fast on any input.
 */
export const HTML_MAX_DEPTH = 100;

const VOID_TAGS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const P = ['p'];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
/** An opening tag closes these first when they are the current element (htmlparser2's rules, which sanitize-html and our converter use). */
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>(
  Object.entries({
    tr: ['tr', 'th', 'td'],
    th: ['th'],
    td: ['thead', 'th', 'td'],
    body: ['head', 'link', 'script'],
    a: ['a'],
    li: ['li'],
    p: P,
    h1: HEADINGS,
    h2: HEADINGS,
    h3: HEADINGS,
    h4: HEADINGS,
    h5: HEADINGS,
    h6: HEADINGS,
    select: FORM,
    input: FORM,
    output: FORM,
    button: FORM,
    datalist: FORM,
    textarea: FORM,
    option: ['option'],
    optgroup: ['optgroup', 'option'],
    dd: ['dd', 'dt'],
    dt: ['dd', 'dt'],
    address: P,
    article: P,
    aside: P,
    blockquote: P,
    details: P,
    div: P,
    dl: P,
    fieldset: P,
    figcaption: P,
    figure: P,
    footer: P,
    form: P,
    header: P,
    hr: P,
    main: P,
    nav: P,
    ol: P,
    pre: P,
    section: P,
    table: P,
    ul: P,
    rt: ['rt', 'rp'],
    rp: ['rt', 'rp'],
    tbody: ['thead', 'tbody'],
    tfoot: ['thead', 'tbody'],
  }).map(([tag, closes]) => [tag, new Set(closes)]),
);

/**
 * Whether HTML nests elements deeper than `limit`, in one pass over the text: the HTML parsers we
 * use keep a stack they scan on every tag (O(depth²): 40,000 nested `<b>` cost them seconds), so
 * this runs before them. It keeps the parser's own stack of open elements, with its rules for the
 * tags a sibling closes (`<p>a<p>b` is one level) and never more than `limit` deep, so it costs
 * O(size × limit) at worst. It errs on the side of depth: a `/>` on a non-void element does not
 * close it (HTML parsers ignore it), and tags inside comments or raw text count.
 */
export function htmlDepthExceeds(html: string, limit: number): boolean {
  const stack: string[] = [];
  let i = html.indexOf('<');
  while (i !== -1) {
    const closing = html.charCodeAt(i + 1) === 0x2f;
    let end = i + (closing ? 2 : 1);
    while (end < html.length && /[a-zA-Z0-9-]/.test(html.charAt(end))) end++;
    const name = html.slice(i + (closing ? 2 : 1), end).toLowerCase();
    if (!/^[a-z]/.test(name)) {
      i = html.indexOf('<', i + 1); // not a tag: a `<` in text
      continue;
    }
    const gt = html.indexOf('>', end);
    if (gt === -1) return false; // no tag can end after this point
    if (!VOID_TAGS.has(name)) {
      if (closing) {
        const open = stack.lastIndexOf(name);
        if (open !== -1) stack.length = open;
      } else {
        const closes = OPEN_IMPLIES_CLOSE.get(name);
        while (closes && stack.length && closes.has(stack.at(-1) ?? '')) stack.pop();
        stack.push(name);
        if (stack.length > limit) return true;
      }
    }
    i = html.indexOf('<', gt + 1);
  }
  return false;
}
