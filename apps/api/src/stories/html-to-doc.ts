import {
  RICH_TEXT_MAX_DEPTH,
  richTextDepth,
  type RichTextBlock,
  type RichTextDoc,
  type RichTextInline,
  type RichTextListItem,
  type RichTextMark,
} from '@newsdesk/contracts';
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { ValidationError } from '../common/errors.js';
import { sanitizeBody } from './sanitize.js';

/**
 * Converts HTML from an integration (`bodyHtml`) into the story's rich-text document. The HTML is
 * sanitized first; whatever the document model has no place for is kept as its text. The contract
 * has bounded the HTML's nesting (HTML_MAX_DEPTH), so the recursion here is bounded too; a result
 * nesting quotes or lists deeper than a document may is refused, naming `bodyHtml`.
 */
export function htmlToDoc(html: string): RichTextDoc {
  const root = parseDocument(sanitizeBody(html));
  const content = blocks(root.children);
  if (richTextDepth(content) > RICH_TEXT_MAX_DEPTH) {
    throw new ValidationError([{ field: 'bodyHtml', message: `Quotes and lists may nest at most ${RICH_TEXT_MAX_DEPTH} levels deep` }]);
  }
  return { type: 'doc', content };
}

const MARKS: Record<string, RichTextMark['type']> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  s: 'strike',
  code: 'code',
  sup: 'superscript',
  sub: 'subscript',
};
const isElement = (node: ChildNode): node is Element => node.type === 'tag';

function inlines(nodes: ChildNode[], marks: RichTextMark[] = []): RichTextInline[] {
  const out: RichTextInline[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const text = node.data.replace(/\s+/g, ' ');
      if (text) out.push(marks.length ? { type: 'text', text, marks } : { type: 'text', text });
    } else if (isElement(node)) {
      if (node.name === 'br') out.push({ type: 'hardBreak' });
      else if (node.name === 'a' && node.attribs.href) {
        const link: RichTextMark = {
          type: 'link',
          attrs: node.attribs.target === '_blank' ? { href: node.attribs.href, target: '_blank' } : { href: node.attribs.href },
        };
        out.push(...inlines(node.children, [...marks, link]));
      } else {
        const mark = MARKS[node.name];
        out.push(...inlines(node.children, mark ? [...marks, { type: mark } as RichTextMark] : marks));
      }
    }
  }
  return out;
}

function paragraph(content: RichTextInline[]): RichTextBlock | null {
  const trimmed = content.filter((node, i) => !(node.type === 'text' && !node.text.trim() && (i === 0 || i === content.length - 1)));
  return trimmed.length ? { type: 'paragraph', content: trimmed } : null;
}

function blocks(nodes: ChildNode[]): RichTextBlock[] {
  const out: RichTextBlock[] = [];
  let loose: ChildNode[] = [];
  const flush = () => {
    const block = paragraph(inlines(loose));
    if (block) out.push(block);
    loose = [];
  };
  for (const node of nodes) {
    if (!isElement(node) || !BLOCK_TAGS.has(node.name)) {
      loose.push(node);
      continue;
    }
    flush();
    const block = toBlock(node);
    if (block) out.push(...(Array.isArray(block) ? block : [block]));
  }
  flush();
  return out;
}

const BLOCK_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'ul', 'ol', 'blockquote', 'hr', 'img', 'figure', 'pre']);

function toBlock(node: Element): RichTextBlock | RichTextBlock[] | null {
  switch (node.name) {
    case 'p':
    case 'pre':
      return paragraph(inlines(node.children));
    case 'h2':
    case 'h3':
    case 'h4':
      return { type: 'heading', attrs: { level: Number(node.name[1]) as 2 | 3 | 4 }, content: inlines(node.children) };
    case 'ul':
    case 'ol': {
      const items: RichTextListItem[] = node.children
        .filter(isElement)
        .filter((child) => child.name === 'li')
        .map((li) => ({ type: 'listItem', content: blocks(li.children) }));
      if (node.name === 'ul') return { type: 'bulletList', content: items };
      const start = Number(node.attribs.start);
      return Number.isInteger(start) && start !== 1
        ? { type: 'orderedList', attrs: { start }, content: items }
        : { type: 'orderedList', content: items };
    }
    case 'blockquote':
      return { type: 'blockquote', content: blocks(node.children) };
    case 'hr':
      return { type: 'horizontalRule' };
    case 'img':
      return node.attribs.src
        ? { type: 'image', attrs: { src: node.attribs.src, alt: node.attribs.alt ?? null, credit: node.attribs['data-credit'] ?? null } }
        : null;
    case 'figure': {
      const img = node.children.filter(isElement).find((child) => child.name === 'img');
      const caption = node.children.filter(isElement).find((child) => child.name === 'figcaption');
      if (!img?.attribs.src) return blocks(node.children);
      const credit = caption ? textOf(caption).trim() : (img.attribs['data-credit'] ?? null);
      return { type: 'image', attrs: { src: img.attribs.src, alt: img.attribs.alt ?? null, credit: credit || null } };
    }
    default:
      return null;
  }
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  return isElement(node) ? node.children.map(textOf).join('') : '';
}
