import {
  RICH_TEXT_MAX_DEPTH,
  RichTextDocSchema,
  imagesMissingAltOrCredit,
  renderRichText,
  richTextDepth,
  richTextToPlain,
  type RichTextDoc,
} from './richtext.js';

const doc: RichTextDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Talks in Astana' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Russia, ' },
        { type: 'text', text: 'Iran', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' & Turkey', marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2', target: '_blank' } }] },
        { type: 'hardBreak' },
        { type: 'text', text: '<script>alert(1)</script>' },
      ],
    },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
    { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quoted' }] }] },
    { type: 'image', attrs: { src: 'https://cdn.example.org/k.jpg', alt: 'The Kremlin "at dusk"', credit: 'Photo: Demo' } },
  ],
};

describe('rich text', () => {
  it('renders the newsroom formatting to escaped HTML', () => {
    expect(renderRichText(doc)).toBe(
      '<h2>Talks in Astana</h2>' +
        '<p>Russia, <strong>Iran</strong><a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer"> &amp; Turkey</a><br />&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
        '<ul><li><p>one</p></li></ul><blockquote><p>quoted</p></blockquote>' +
        '<figure><img src="https://cdn.example.org/k.jpg" alt="The Kremlin &quot;at dusk&quot;" /><figcaption>Photo: Demo</figcaption></figure>',
    );
  });

  it('validates: javascript: links and unknown node types are refused', () => {
    expect(RichTextDocSchema.safeParse(doc).success).toBe(true);
    const evil = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] },
      ],
    };
    expect(RichTextDocSchema.safeParse(evil).success).toBe(false);
    expect(RichTextDocSchema.safeParse({ type: 'doc', content: [{ type: 'iframe' }] }).success).toBe(false);
    expect(RichTextDocSchema.safeParse({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 } }] }).success).toBe(false);
  });

  it('extracts plain text for search', () => {
    expect(richTextToPlain(doc)).toBe(
      'Talks in Astana\nRussia, Iran & Turkey\n<script>alert(1)</script>\none\nquoted\nThe Kremlin "at dusk"',
    );
  });

  it('finds images missing alt text or credit', () => {
    const images: RichTextDoc = {
      type: 'doc',
      content: [
        { type: 'image', attrs: { src: '/api/media/a', alt: '', credit: 'x' } },
        { type: 'blockquote', content: [{ type: 'image', attrs: { src: '/api/media/b', alt: 'ok' } }] },
        { type: 'image', attrs: { src: '/api/media/c', alt: 'ok', credit: 'ok' } },
      ],
    };
    expect(imagesMissingAltOrCredit(images)).toEqual([
      { src: '/api/media/a', missing: ['alt'] },
      { src: '/api/media/b', missing: ['credit'] },
    ]);
  });
});

describe('rich-text depth', () => {
  const quoted = (levels: number): RichTextDoc => {
    let blocks: RichTextDoc['content'] = [{ type: 'paragraph', content: [{ type: 'text', text: 'deep' }] }];
    for (let i = 1; i < levels; i++)
      blocks =
        i % 2 ? [{ type: 'blockquote', content: blocks }] : [{ type: 'bulletList', content: [{ type: 'listItem', content: blocks }] }];
    return { type: 'doc', content: blocks };
  };

  it(`accepts ${RICH_TEXT_MAX_DEPTH} levels and refuses one more, naming body content`, () => {
    expect(richTextDepth(quoted(RICH_TEXT_MAX_DEPTH).content)).toBe(RICH_TEXT_MAX_DEPTH);
    expect(RichTextDocSchema.safeParse(quoted(RICH_TEXT_MAX_DEPTH)).success).toBe(true);
    const refused = RichTextDocSchema.safeParse(quoted(RICH_TEXT_MAX_DEPTH + 1));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['content']);
  });

  it('renders, walks and measures a 100,000-level document without recursion', () => {
    const doc = quoted(100_000);
    expect(richTextDepth(doc.content)).toBe(100_000);
    const html = renderRichText(doc);
    expect(html.startsWith('<blockquote><ul><li><blockquote>')).toBe(true);
    expect(html).toContain('<p>deep</p></blockquote></li></ul>');
    expect(richTextToPlain(doc)).toBe('deep');
  });

  it('renders nested lists and quotes in document order', () => {
    const doc: RichTextDoc = {
      type: 'doc',
      content: [
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [
            {
              type: 'listItem',
              content: [
                { type: 'paragraph', content: [{ type: 'text', text: 'a' }] },
                { type: 'blockquote', content: [{ type: 'horizontalRule' }] },
              ],
            },
            { type: 'listItem', content: [] },
          ],
        },
        { type: 'paragraph' },
      ],
    };
    expect(renderRichText(doc)).toBe('<ol start="3"><li><p>a</p><blockquote><hr /></blockquote></li><li></li></ol><p></p>');
  });
});
