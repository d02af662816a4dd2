import { initials, sectionLabel, sectionOf } from './presence-model';

/** An element whose closest() finds what the map says for each selector. */
const inside = (found: Record<string, { id: string } | undefined>) =>
  ({ closest: (selector: string) => found[selector] ?? null }) as unknown as Element;

describe('presence model', () => {
  it('takes initials from the first and last words', () => {
    expect(initials('Maria Lopez')).toBe('ML');
    expect(initials('  ada  von   admin ')).toBe('AA');
    expect(initials('Cher')).toBe('C');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials('   ')).toBe('?');
  });

  it('labels sections', () => {
    expect(sectionLabel('body')).toBe('Body');
    expect(sectionLabel('credit')).toBe('Credit');
  });

  it('names the section of a focused element', () => {
    expect(sectionOf(null)).toBeNull();
    expect(sectionOf(inside({ '.transcript-editor': { id: '' }, '[id^="story-"]': { id: 'story-body' } }))).toBe('transcript');
    expect(sectionOf(inside({ '[id^="story-"]': { id: 'story-body' } }))).toBe('body');
    expect(sectionOf(inside({ '[id^="story-"]': { id: 'story-headline' } }))).toBe('headline');
    expect(sectionOf(inside({ '[id^="story-"]': { id: 'story-body-label' } }))).toBe('body');
    expect(sectionOf(inside({ '[id^="story-"]': { id: 'story-X' } }))).toBeNull();
    expect(sectionOf(inside({}))).toBeNull();
  });
});
