import { sanitizeBody } from './sanitize.js';

describe('sanitizeBody', () => {
  it('keeps the newsroom formatting', () => {
    const html =
      '<h2>Moscow</h2><p>The <strong>Kremlin</strong> <a href="https://example.org/x">said</a>:</p><blockquote><p>quote</p></blockquote><ul><li>one</li></ul>';
    expect(sanitizeBody(html)).toBe(html);
  });
  it('drops scripts, event handlers, styles and javascript: links', () => {
    const out = sanitizeBody(
      '<p onclick="x()" style="color:red">Hi<script>alert(1)</script><a href="javascript:alert(1)">x</a><iframe src="https://e.org"></iframe></p>',
    );
    expect(out).toBe('<p>Hi<a>x</a></p>');
  });
  it('adds rel=noopener to links opening a new window', () => {
    expect(sanitizeBody('<a href="https://e.org" target="_blank">x</a>')).toBe(
      '<a href="https://e.org" target="_blank" rel="noopener noreferrer">x</a>',
    );
  });
  it('keeps alt text on images but refuses data: sources', () => {
    expect(sanitizeBody('<img src="https://cdn.example.org/a.jpg" alt="Putin at the UN">')).toBe(
      '<img src="https://cdn.example.org/a.jpg" alt="Putin at the UN" />',
    );
    expect(sanitizeBody('<img src="data:image/png;base64,AAAA" alt="x">')).toBe('<img alt="x" />');
  });
});
