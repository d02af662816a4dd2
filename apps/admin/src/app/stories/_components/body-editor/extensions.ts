import { Mark, mergeAttributes, type Extensions, type JSONContent } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import StarterKit from '@tiptap/starter-kit';
import type { RichTextDoc } from '@newsdesk/contracts';

/**
 * The Tiptap schema of a story body: exactly the contract's RichTextDoc (packages/contracts/src/richtext.ts)
 * and nothing else, so whatever is typed or pasted can be saved. Headings 2-4 (the page has the h1), no
 * code blocks; links only http(s)/mailto; images by URL with alt text and a credit.
 */

/** What the contract accepts as a link target and as an image source. */
export const SAFE_LINK = /^(https?:\/\/|mailto:)/i;
export const SAFE_IMAGE_SOURCE = /^(https?:\/\/|\/)/i;

const Superscript = Mark.create({
  name: 'superscript',
  excludes: 'subscript',
  parseHTML: () => [{ tag: 'sup' }],
  renderHTML: ({ HTMLAttributes }) => ['sup', mergeAttributes(HTMLAttributes), 0],
});

const Subscript = Mark.create({
  name: 'subscript',
  excludes: 'superscript',
  parseHTML: () => [{ tag: 'sub' }],
  renderHTML: ({ HTMLAttributes }) => ['sub', mergeAttributes(HTMLAttributes), 0],
});

/** The block image with the contract's attributes (src, alt, title, credit); no width/height. */
export const NewsImage = Image.extend({
  addAttributes() {
    const { width: _width, height: _height, ...inherited } = (this.parent?.() ?? {}) as Record<string, unknown>;
    return {
      ...inherited,
      credit: {
        default: null,
        parseHTML: (element: HTMLElement) => element.getAttribute('data-credit'),
        renderHTML: (attributes: { credit?: string | null }) => (attributes.credit ? { 'data-credit': attributes.credit } : {}),
      },
    };
  },

  // Pasted images only when their source is one the contract accepts (no data: or relative URLs).
  parseHTML() {
    return [
      { tag: 'img[src]', getAttrs: (element: HTMLElement) => (SAFE_IMAGE_SOURCE.test(element.getAttribute('src') ?? '') ? null : false) },
    ];
  },

  /** Shows the image with its credit and alt text, flagged when either is missing (publishing needs both). */
  addNodeView() {
    return ({ node }) => {
      const figure = document.createElement('figure');
      const img = document.createElement('img');
      const caption = document.createElement('figcaption');
      figure.className = 'body-image';
      figure.append(img, caption);
      const render = (attrs: Record<string, unknown>) => {
        const alt = typeof attrs.alt === 'string' ? attrs.alt.trim() : '';
        const credit = typeof attrs.credit === 'string' ? attrs.credit.trim() : '';
        img.src = typeof attrs.src === 'string' ? attrs.src : '';
        img.alt = alt;
        const missing = [!alt && 'alt text', !credit && 'a credit'].filter(Boolean);
        caption.textContent = [
          credit ? `Credit: ${credit}` : null,
          alt ? `Alt: ${alt}` : null,
          missing.length ? `Needs ${missing.join(' and ')}: select the image, then Image.` : null,
        ]
          .filter(Boolean)
          .join(' · ');
        figure.classList.toggle('body-image-incomplete', missing.length > 0);
      };
      render(node.attrs);
      return {
        dom: figure,
        update: (updated) => {
          if (updated.type.name !== 'image') return false;
          render(updated.attrs);
          return true;
        },
      };
    };
  },
}).configure({ inline: false, allowBase64: false });

export const BODY_EXTENSIONS: Extensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    codeBlock: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => SAFE_LINK.test(url),
      // Links open where the reader is; the public renderer adds rel/target only for target=_blank.
      HTMLAttributes: { target: null, rel: null, class: null },
    },
  }),
  Superscript,
  Subscript,
  NewsImage,
];

function isEmptyParagraph(node: JSONContent | undefined): boolean {
  return node?.type === 'paragraph' && !node.content?.length;
}

/** A node without the attributes Tiptap keeps as null (alt: null, target: null...) and without empty lists. */
function canonical(node: JSONContent): JSONContent {
  const result: JSONContent = { type: node.type };
  if (node.attrs) {
    const attrs = Object.fromEntries(Object.entries(node.attrs).filter(([, value]) => value !== null && value !== undefined));
    if (Object.keys(attrs).length) result.attrs = attrs;
  }
  if (node.marks?.length)
    result.marks = node.marks.map((mark) => canonical(mark as JSONContent) as NonNullable<JSONContent['marks']>[number]);
  if (node.text !== undefined) result.text = node.text;
  if (node.content?.length) result.content = node.content.map(canonical);
  return result;
}

/**
 * The editor's JSON as the contract's document, in one canonical form: attributes left null are
 * dropped, and so are empty paragraphs at the end (Tiptap keeps one to type into), so an empty editor
 * is `{type: 'doc', content: []}` like a new story's body, and merely moving the cursor never reads as
 * an edit. Whether the rest fits the contract is for RichTextDocSchema to say, before saving.
 */
export function toRichTextDoc(json: JSONContent): RichTextDoc {
  const content = (json.content ?? []).map(canonical);
  while (isEmptyParagraph(content.at(-1))) content.pop();
  return { type: 'doc', content } as RichTextDoc;
}
