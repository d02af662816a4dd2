import { single } from './search-params';

describe('single', () => {
  it('takes a parameter given once, and treats a repeated or missing one as absent', () => {
    expect(single('desk')).toBe('desk');
    expect(single('')).toBe('');
    expect(single(['a', 'b'])).toBeUndefined();
    expect(single(undefined)).toBeUndefined();
  });
});
