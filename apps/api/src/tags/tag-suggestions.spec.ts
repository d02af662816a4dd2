import { suggestTags, words } from './tag-suggestions.js';

const tags = [
  { id: '1', slug: 'russia', name: 'Russia', type: 'place' as const, aliases: ['Russian Federation'] },
  { id: '2', slug: 'vladimir-putin', name: 'Vladimir Putin', type: 'person' as const, aliases: ['Putin'] },
  { id: '3', slug: 'syria', name: 'Syria', type: 'place' as const, aliases: [] },
  { id: '4', slug: 'isis', name: 'ISIS', type: 'organization' as const, aliases: ['Islamic State'] },
  { id: '5', slug: 'bashar-al-assad', name: 'Bashar al-Assad', type: 'person' as const, aliases: ['Assad'] },
  { id: '6', slug: 'russ', name: 'Russ', type: 'topic' as const, aliases: [] },
];

describe('suggestTags', () => {
  const texts = {
    headline: 'Putin courts Washington on ISIS',
    teaser: 'The Kremlin says Russia is ready.',
    body: "Russian jets struck in Syria. Syria talks open. Assad, Bashar al-Assad, welcomed Putin's offer.",
    transcript: '',
  };

  it('ranks by where and how often a name or alias occurs, as whole words', () => {
    const result = suggestTags(texts, tags);
    expect(result.map((s) => s.tag.slug)).toEqual(['vladimir-putin', 'isis', 'bashar-al-assad', 'russia', 'syria']);
    expect(result.find((s) => s.tag.slug === 'syria')).toMatchObject({ score: 2, matches: [{ source: 'body', term: 'Syria', count: 2 }] });
    // "Russ" is not a word of "Russia" or "Russian".
    expect(result.some((s) => s.tag.slug === 'russ')).toBe(false);
  });

  it('leaves out the tags the story already has', () => {
    expect(suggestTags(texts, tags, new Set(['2'])).map((s) => s.tag.slug)).not.toContain('vladimir-putin');
  });

  it('normalizes accents, case and apostrophes', () => {
    expect(words('Kremlin’s CAFÉ al-Assad')).toEqual(['kremlin', 'cafe', 'al', 'assad']);
  });
});
