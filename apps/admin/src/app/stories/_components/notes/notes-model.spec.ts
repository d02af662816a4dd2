import type { Story } from '@newsdesk/contracts';
import { anchorLabel, anchorOptions, mentionQuery, mentionsInText } from './notes-model';

describe('mentionQuery', () => {
  it('finds the @name being typed before the caret, names with spaces included', () => {
    expect(mentionQuery('Please ask @', 12)).toEqual({ start: 11, query: '' });
    expect(mentionQuery('Please ask @Quentin Rea', 23)).toEqual({ start: 11, query: 'Quentin Rea' });
    expect(mentionQuery('@Maria', 6)).toEqual({ start: 0, query: 'Maria' });
  });

  it('finds none inside an email address, after four words, or when the caret is elsewhere', () => {
    expect(mentionQuery('mail ed@example.org', 19)).toBeNull();
    expect(mentionQuery('@one two three four', 19)).toBeNull();
    expect(mentionQuery('@Maria said', 3)).toEqual({ start: 0, query: 'Ma' });
    expect(mentionQuery('no mention here', 15)).toBeNull();
  });

  it('finds none at the end of a 4,000-character word (the pattern has no nested repetition to backtrack through)', () => {
    const text = `@${'a'.repeat(4000)}!`;
    expect(mentionQuery(text, text.length)).toBeNull();
  });
});

describe('mentionsInText', () => {
  it('keeps the chosen users whose @Name is still in the text, once each', () => {
    const ana = { id: 'a', name: 'Ana Ruiz' };
    const bo = { id: 'b', name: 'Bo Li' };
    expect(mentionsInText('@Ana Ruiz and @Ana Ruiz', [ana, bo, ana])).toEqual(['a']);
    expect(mentionsInText('nobody', [ana])).toEqual([]);
  });
});

describe('anchors', () => {
  const story = {
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'x'.repeat(100) }] },
      ],
    },
    transcript: { turns: [{ cue: 'MUSIC' }] },
  } as unknown as Pick<Story, 'body' | 'transcript'>;

  it('offers each paragraph and turn of the story as saved, shortened', () => {
    const options = anchorOptions(story);
    expect(options.map((option) => option.value)).toEqual(['paragraph:0', 'paragraph:1', 'turn:0']);
    expect(options[0]!.label).toBe('Paragraph 1: First.');
    expect(options[1]!.label).toHaveLength('Paragraph 2: '.length + 60);
    expect(options[2]).toMatchObject({ anchor: { kind: 'turn', index: 0 }, label: 'Turn 1: MUSIC' });
    expect(anchorLabel({ kind: 'paragraph', index: 5 }, options)).toBe('Paragraph 6 (no longer there)');
  });
});
