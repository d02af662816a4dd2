import { htmlDepthExceeds } from './html-depth.js';

describe('htmlDepthExceeds', () => {
  it('counts nesting, not siblings, void elements or self-closing paragraphs', () => {
    expect(htmlDepthExceeds('<p>a<p>b<p>c<br><img src=x>'.repeat(1000), 3)).toBe(false);
    expect(htmlDepthExceeds('<blockquote><b>x</b></blockquote>'.repeat(1000), 2)).toBe(false);
    expect(htmlDepthExceeds('<ul><li><ul><li><b>x</b></ul></ul>', 2)).toBe(true);
    expect(htmlDepthExceeds('<b>'.repeat(4), 3)).toBe(true);
    expect(htmlDepthExceeds('a < b <b>'.repeat(4), 3)).toBe(true);
    expect(htmlDepthExceeds('1 < 2 and 3 > 2', 0)).toBe(false);
    expect(htmlDepthExceeds('<ul><li>a<li>b<li>c</ul>'.repeat(100), 2)).toBe(false);
  });

  it('follows the parser where a sibling does not close: <li><p> nests, and so does <b/>', () => {
    expect(htmlDepthExceeds('<li><p>'.repeat(60), 100)).toBe(true);
    expect(htmlDepthExceeds('<b/>'.repeat(101), 100)).toBe(true);
    expect(htmlDepthExceeds('<div><p>x</div>'.repeat(1000), 2)).toBe(false);
  });

  it('stays linear on inputs that make regular expressions backtrack', () => {
    expect(htmlDepthExceeds(`<${'a'.repeat(500_000)}`, 10)).toBe(false);
    expect(htmlDepthExceeds('<a href="x" '.repeat(40_000), 10)).toBe(false);
    expect(htmlDepthExceeds('<b>'.repeat(70_000), 100)).toBe(true);
  });
});
