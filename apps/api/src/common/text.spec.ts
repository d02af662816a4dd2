import { findBadText, jsonDepthExceeds } from './text.js';

describe('findBadText', () => {
  it('finds NUL and lone surrogates by dotted path, keys too, in document order', () => {
    expect(findBadText({ a: 'ok', b: ['x', 'y\u0000'] })).toEqual({ field: 'b.1', message: 'Text must not contain NUL characters' });
    expect(findBadText({ a: '\ud800x', b: '\u0000' })?.field).toBe('a');
    expect(findBadText({ a: 'x\udc00' })?.message).toContain('lone surrogates');
    expect(findBadText({ 'k\u0000': 1 })?.field).toBe('k\u0000');
    expect(findBadText('\u0000')?.field).toBe('(body)');
    expect(findBadText({ a: 'emoji \ud83d\ude00 fine', n: 1, z: null })).toBeNull();
  });

  it('walks 100,000 levels without recursion', () => {
    let deep: unknown = 'bottom\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findBadText(deep)?.field).toBe(Array(100_000).fill('0').join('.'));
  });
});

describe('jsonDepthExceeds', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonDepthExceeds('[[[]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[]]]]', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[[[\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
    expect(jsonDepthExceeds('{"a":{"b":[1,{"c":{}}]}}', 4)).toBe(true);
    expect(jsonDepthExceeds('['.repeat(1_000_000), 64)).toBe(true);
  });
});
