import { z } from 'zod';
import type { ImageSrcset } from './images.js';

/**
 * A story body as structured JSON: the ProseMirror/Tiptap document shape, restricted to what a
 * newsroom body needs. The server renders it to HTML for the public API (renderRichText), and
 * the admin editor (Tiptap) reads and writes it as is.
 */

const SAFE_URL = /^(https?:\/\/|mailto:)/i;
const url = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => SAFE_URL.test(value), 'Use an http(s) or mailto link');

export const RichTextMarkSchema = z.union([
  z.object({ type: z.enum(['bold', 'italic', 'underline', 'strike', 'code', 'superscript', 'subscript']) }),
  z.object({ type: z.literal('link'), attrs: z.object({ href: url, target: z.enum(['_blank']).nullish() }).loose() }),
]);
export type RichTextMark = z.infer<typeof RichTextMarkSchema>;

export type RichTextInline = { type: 'text'; text: string; marks?: RichTextMark[] } | { type: 'hardBreak' };

export type RichTextBlock =
  | { type: 'paragraph'; content?: RichTextInline[] }
  | { type: 'heading'; attrs: { level: 2 | 3 | 4 }; content?: RichTextInline[] }
  | { type: 'bulletList'; content: RichTextListItem[] }
  | { type: 'orderedList'; attrs?: { start?: number }; content: RichTextListItem[] }
  | { type: 'blockquote'; content: RichTextBlock[] }
  | { type: 'horizontalRule' }
  | { type: 'image'; attrs: { src: string; alt?: string | null; credit?: string | null; title?: string | null } };

export interface RichTextListItem {
  type: 'listItem';
  content: RichTextBlock[];
}
export interface RichTextDoc {
  type: 'doc';
  content: RichTextBlock[];
}

const InlineSchema: z.ZodType<RichTextInline> = z.union([
  z.object({ type: z.literal('text'), text: z.string().max(100_000), marks: z.array(RichTextMarkSchema).max(10).optional() }),
  z.object({ type: z.literal('hardBreak') }),
]);
const inlines = z.array(InlineSchema).max(5000).optional();

const ListItemSchema: z.ZodType<RichTextListItem> = z.lazy(() =>
  z.object({ type: z.literal('listItem'), content: z.array(BlockSchema).max(200) }),
);

const BlockSchema: z.ZodType<RichTextBlock> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('paragraph'), content: inlines }),
    z.object({
      type: z.literal('heading'),
      attrs: z.object({ level: z.union([z.literal(2), z.literal(3), z.literal(4)]) }).loose(),
      content: inlines,
    }),
    z.object({ type: z.literal('bulletList'), content: z.array(ListItemSchema).max(500) }),
    z.object({
      type: z.literal('orderedList'),
      attrs: z
        .object({ start: z.number().int().min(0).max(100_000).optional() })
        .loose()
        .optional(),
      content: z.array(ListItemSchema).max(500),
    }),
    z.object({ type: z.literal('blockquote'), content: z.array(BlockSchema).max(200) }),
    z.object({ type: z.literal('horizontalRule') }),
    z.object({
      type: z.literal('image'),
      attrs: z
        .object({
          src: z
            .string()
            .trim()
            .max(2000)
            .refine((value) => /^(https?:\/\/|\/)/i.test(value), 'An image source is an http(s) URL or a path on this site'),
          alt: z.string().max(500).nullish(),
          credit: z.string().max(300).nullish(),
          title: z.string().max(300).nullish(),
        })
        .loose(),
    }),
  ]),
);

/** Exported so the OpenAPI document names the recursive parts (components RichTextBlock, RichTextListItem). */
export { BlockSchema as RichTextBlockSchema, ListItemSchema as RichTextListItemSchema };

/**
 * How many blocks deep a document may nest (a paragraph at the top is 1; in a quote, 2; in a list
 * in a list, 3). A newsroom body needs 3 or 4; the cap keeps every walk over a document short.
 */
export const RICH_TEXT_MAX_DEPTH = 10;

/** How deeply the blocks nest (see RICH_TEXT_MAX_DEPTH), counted without recursion. */
export function richTextDepth(blocks: readonly RichTextBlock[]): number {
  let deepest = 0;
  const stack: Array<{ blocks: readonly RichTextBlock[]; depth: number }> = [{ blocks, depth: 1 }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { blocks: level, depth } = entry;
    for (const block of level) {
      deepest = Math.max(deepest, depth);
      if (block.type === 'blockquote') stack.push({ blocks: block.content, depth: depth + 1 });
      if (block.type === 'bulletList' || block.type === 'orderedList')
        for (const item of block.content) stack.push({ blocks: item.content, depth: depth + 1 });
    }
  }
  return deepest;
}

export const RichTextDocSchema: z.ZodType<RichTextDoc> = z
  .object({ type: z.literal('doc'), content: z.array(BlockSchema).max(5000) })
  .refine((doc) => richTextDepth(doc.content) <= RICH_TEXT_MAX_DEPTH, {
    message: `Quotes and lists may nest at most ${RICH_TEXT_MAX_DEPTH} levels deep`,
    path: ['content'],
  });

export const EMPTY_DOC: RichTextDoc = { type: 'doc', content: [] };

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

const MARK_TAGS: Record<string, string> = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strike: 's',
  code: 'code',
  superscript: 'sup',
  subscript: 'sub',
};

function renderInline(node: RichTextInline): string {
  if (node.type === 'hardBreak') return '<br />';
  let html = escapeText(node.text);
  for (const mark of node.marks ?? []) {
    if (mark.type === 'link') {
      const target = mark.attrs.target === '_blank' ? ' target="_blank" rel="noopener noreferrer"' : '';
      html = SAFE_URL.test(mark.attrs.href) ? `<a href="${escapeAttr(mark.attrs.href)}"${target}>${html}</a>` : html;
    } else {
      const tag = MARK_TAGS[mark.type];
      if (tag) html = `<${tag}>${html}</${tag}>`;
    }
  }
  return html;
}

const renderInlines = (content?: RichTextInline[]) => (content ?? []).map(renderInline).join('');

/** What the renderer knows of an uploaded image (`src` of `/api/media/{id}`): its renditions of its own aspect. */
export interface BodyImageRenditions {
  srcset: ImageSrcset;
}

/** Options of renderRichText: the renditions of the body's uploaded images, by `src`. */
export interface RenderOptions {
  images?: ReadonlyMap<string, BodyImageRenditions>;
}

/** The path of an uploaded image's original, and the media id in it. */
export const MEDIA_SRC = /^\/api\/media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The media ids of the body's uploaded images (src `/api/media/{id}`), each once. */
export function bodyMediaIds(doc: RichTextDoc): string[] {
  const ids = new Set<string>();
  for (const block of walkBlocks(doc.content)) {
    const id = block.type === 'image' ? MEDIA_SRC.exec(block.attrs.src.trim())?.[1] : undefined;
    if (id) ids.add(id);
  }
  return [...ids];
}

/** An image with renditions: `<picture>` with an AVIF and a WebP source and the JPEG `<img srcset>` (every URL escaped). */
function pictureMarkup(alt: string, title: string | null | undefined, { srcset }: BodyImageRenditions): string {
  const sizes = ` sizes="${escapeAttr(srcset.sizes)}"`;
  const source = (type: string, list: string) => (list ? `<source type="${type}" srcset="${escapeAttr(list)}"${sizes} />` : '');
  return (
    `<picture>${source('image/avif', srcset.avif)}${source('image/webp', srcset.webp)}` +
    `<img src="${escapeAttr(srcset.src)}" srcset="${escapeAttr(srcset.jpeg)}"${sizes} width="${srcset.width}" height="${srcset.height}" alt="${escapeAttr(alt)}"${title ? ` title="${escapeAttr(title)}"` : ''} loading="lazy" decoding="async" /></picture>`
  );
}

/** One block's own markup: its opening and closing tags around its children, or the whole of a leaf block. */
function blockMarkup(
  node: RichTextBlock,
  options: RenderOptions = {},
): { open: string; children: readonly RichTextBlock[][]; close: string; item?: boolean } {
  switch (node.type) {
    case 'paragraph':
      return { open: `<p>${renderInlines(node.content)}</p>`, children: [], close: '' };
    case 'heading':
      return { open: `<h${node.attrs.level}>${renderInlines(node.content)}</h${node.attrs.level}>`, children: [], close: '' };
    case 'bulletList':
      return { open: '<ul>', children: node.content.map((item) => item.content), close: '</ul>', item: true };
    case 'orderedList': {
      const start = node.attrs?.start && node.attrs.start !== 1 ? ` start="${node.attrs.start}"` : '';
      return { open: `<ol${start}>`, children: node.content.map((item) => item.content), close: '</ol>', item: true };
    }
    case 'blockquote':
      return { open: '<blockquote>', children: [node.content], close: '</blockquote>' };
    case 'horizontalRule':
      return { open: '<hr />', children: [], close: '' };
    case 'image': {
      const { src, alt, credit, title } = node.attrs;
      const renditions = options.images?.get(src.trim());
      const img = renditions
        ? pictureMarkup(alt ?? '', title, renditions)
        : `<img src="${escapeAttr(src)}" alt="${escapeAttr(alt ?? '')}"${title ? ` title="${escapeAttr(title)}"` : ''} />`;
      return {
        open: credit ? `<figure>${img}<figcaption>${escapeText(credit)}</figcaption></figure>` : `<figure>${img}</figure>`,
        children: [],
        close: '',
      };
    }
  }
}

/**
 * The document as HTML. Text and attributes are escaped and links limited to http(s)/mailto, so
 * the output is safe by construction. Rendered with an explicit stack, not recursion. An uploaded
 * image with renditions (`options.images`) becomes `<figure><picture>…</picture><figcaption>`
 * with its credit.
 */
export function renderRichText(doc: RichTextDoc, options: RenderOptions = {}): string {
  const out: string[] = [];
  // Work items, last first: a block to render or markup to emit as is.
  const stack: Array<RichTextBlock | string> = [...doc.content].reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const { open, children, close, item } = blockMarkup(next, options);
    out.push(open);
    stack.push(close);
    for (const blocks of [...children].reverse()) {
      if (item) stack.push('</li>');
      for (const block of [...blocks].reverse()) stack.push(block);
      if (item) stack.push('<li>');
    }
  }
  return out.join('');
}

/** Every block of the document, depth first (an explicit stack: no recursion however deep the document). */
export function* walkBlocks(blocks: readonly RichTextBlock[]): Generator<RichTextBlock> {
  const stack: RichTextBlock[] = [...blocks].reverse();
  for (let block = stack.pop(); block; block = stack.pop()) {
    yield block;
    const children =
      block.type === 'blockquote'
        ? block.content
        : block.type === 'bulletList' || block.type === 'orderedList'
          ? block.content.flatMap((item) => item.content)
          : [];
    for (const child of [...children].reverse()) stack.push(child);
  }
}

/** The plain text of the document, a paragraph per line: for search, suggestions and feeds. */
export function richTextToPlain(doc: RichTextDoc): string {
  const lines: string[] = [];
  for (const block of walkBlocks(doc.content)) {
    if (block.type === 'paragraph' || block.type === 'heading') {
      lines.push((block.content ?? []).map((node) => (node.type === 'text' ? node.text : '\n')).join(''));
    } else if (block.type === 'image' && block.attrs.alt) lines.push(block.attrs.alt);
  }
  return lines.join('\n').trim();
}

/** Images that cannot be published yet: without alt text or without a credit. */
export function imagesMissingAltOrCredit(doc: RichTextDoc): Array<{ src: string; missing: Array<'alt' | 'credit'> }> {
  const found: Array<{ src: string; missing: Array<'alt' | 'credit'> }> = [];
  for (const block of walkBlocks(doc.content)) {
    if (block.type !== 'image') continue;
    const missing = [!block.attrs.alt?.trim() && 'alt', !block.attrs.credit?.trim() && 'credit'].filter(Boolean) as Array<'alt' | 'credit'>;
    if (missing.length) found.push({ src: block.attrs.src, missing });
  }
  return found;
}
