import sanitizeHtml from 'sanitize-html';

/**
 * The rich-text allowlist: what a story body may contain. Everything else (scripts, styles,
 * event handlers, iframes, javascript: URLs) is dropped on the server, whatever the client sent.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sup',
    'sub',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'figure',
    'figcaption',
    'img',
    'hr',
    'code',
    'pre',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-credit'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target === '_blank' ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/**
 * The body as rendered for readers: the same allowlist, plus the `<picture>` the renderer makes of
 * an uploaded image with renditions (`<source type srcset sizes>`, `<img srcset sizes loading
 * decoding>`). Input HTML (html-to-doc) keeps the stricter list above.
 */
const RENDERED: sanitizeHtml.IOptions = {
  ...OPTIONS,
  allowedTags: [...(OPTIONS.allowedTags as string[]), 'picture', 'source'],
  allowedAttributes: {
    ...OPTIONS.allowedAttributes,
    img: ['src', 'alt', 'title', 'width', 'height', 'data-credit', 'srcset', 'sizes', 'loading', 'decoding'],
    source: ['type', 'srcset', 'sizes'],
  },
};

export function sanitizeRenderedBody(html: string): string {
  return sanitizeHtml(html, RENDERED).trim();
}
