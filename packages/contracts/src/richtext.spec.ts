import { RichTextDocSchema, imagesMissingAltOrCredit, renderRichText, richTextToPlain, type RichTextDoc } from './richtext.js';

const doc: RichTextDoc = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Talks in Astana' }] },
    { type: 'paragraph', content: [
      { type: 'text', text: 'Russia, ' },
      { type: 'text', text: 'Iran', marks: [{ type: 'bold' }] },
      { type: 'text', text: ' & Turkey', marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=2', target: '_blank' } }] },
      { type: 'hardBreak' },
      { type: 'text', text: '<script>alert(1)</script>' },
    ] },
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
    const evil = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] };
    expect(RichTextDocSchema.safeParse(evil).success).toBe(false);
    expect(RichTextDocSchema.safeParse({ type: 'doc', content: [{ type: 'iframe' }] }).success).toBe(false);
    expect(RichTextDocSchema.safeParse({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 } }] }).success).toBe(false);
  });

  it('extracts plain text for search', () => {
    expect(richTextToPlain(doc)).toBe('Talks in Astana\nRussia, Iran & Turkey\n<script>alert(1)</script>\none\nquoted\nThe Kremlin "at dusk"');
  });

  it('finds images missing alt text or credit', () => {
    const images: RichTextDoc = { type: 'doc', content: [
      { type: 'image', attrs: { src: '/api/media/a', alt: '', credit: 'x' } },
      { type: 'blockquote', content: [{ type: 'image', attrs: { src: '/api/media/b', alt: 'ok' } }] },
      { type: 'image', attrs: { src: '/api/media/c', alt: 'ok', credit: 'ok' } },
    ] };
    expect(imagesMissingAltOrCredit(images)).toEqual([{ src: '/api/media/a', missing: ['alt'] }, { src: '/api/media/b', missing: ['credit'] }]);
  });
});
