import { personSearchKeys, prefixRange, sortName } from './person-names.js';

describe('personSearchKeys', () => {
  it('keys full names, later words and aliases in tiers, folded', () => {
    const keys = personSearchKeys({
      displayName: 'Bashar al-Assad',
      givenName: 'Bashar',
      familyName: 'al-Assad',
      aliases: ['Bashar Assad'],
    });
    expect(Object.fromEntries(keys.map(({ key, tier }) => [key, tier]))).toEqual({
      'bashar al-assad': 1,
      'al-assad': 2,
      assad: 2,
      'bashar assad': 3,
    });
  });

  it('keeps the best tier of a key met twice, and folds accents and case', () => {
    const keys = personSearchKeys({
      displayName: 'Sergey Lavrov',
      givenName: 'Sergey',
      familyName: 'Lavrov',
      aliases: ['LAVRÓV', 'Sergei Lavrov'],
    });
    expect(keys).toContainEqual({ key: 'lavrov', tier: 2 });
    expect(keys).toContainEqual({ key: 'sergei lavrov', tier: 3 });
    expect(keys.filter(({ key }) => key === 'lavrov')).toHaveLength(1);
  });

  it('sorts by family name, then given name', () => {
    expect(sortName({ givenName: 'Émile', familyName: 'Zola' })).toBe('zola emile');
  });
});

describe('prefixRange', () => {
  it('bounds the keys that start with the prefix', () => {
    expect(prefixRange('lav')).toEqual({ low: 'lav', high: 'law' });
    expect(prefixRange('z\u{10FFFF}')).toEqual({ low: 'z\u{10FFFF}', high: '{' });
    expect(prefixRange('\u{10FFFF}').high).toBeNull();
    expect(prefixRange('a\ud7ff').high).toBe('a\ue000');
  });
});
