import { StorySchema } from '../stories.js';
import { storedTranscriptTurn, type StoryTranscriptTurn } from './index.js';

const id = '11111111-1111-4111-8111-111111111111';

describe('storedTranscriptTurn', () => {
  it('gives every turn shape one stored form, in one key order', () => {
    const written = storedTranscriptTurn({ text: 'Hi.', personId: id, role: 'BYLINE' });
    const fromStaffStory = storedTranscriptTurn({
      renderedLabel: 'LUCIAN KIM, BYLINE',
      label: null,
      text: 'Hi.',
      annotation: null,
      title: null,
      role: 'BYLINE',
      unidentified: null,
      person: null,
      personId: id,
    } satisfies StoryTranscriptTurn);
    expect(JSON.stringify(written)).toBe(JSON.stringify(fromStaffStory));
    expect(Object.keys(written)).toEqual(['personId', 'unidentified', 'role', 'title', 'annotation', 'text', 'label']);
  });

  it('drops an empty label, an unidentified speaker beside a person, and the extra fields of a parsed turn', () => {
    expect(storedTranscriptTurn({ personId: null, unidentified: { descriptor: 'MAN' }, text: 'x', label: '  ' })).toEqual({
      personId: null,
      unidentified: { descriptor: 'MAN', number: null },
      role: null,
      title: null,
      annotation: null,
      text: 'x',
      label: null,
    });
    expect(
      storedTranscriptTurn({
        label: 'KIM',
        personId: id,
        speaker: { id, slug: 'lucian-kim', displayName: 'Lucian Kim' },
        unidentified: null,
        role: null,
        title: null,
        annotation: null,
        text: 'y',
        description: null,
        confidence: 0.9,
        flags: [],
        unverifiedSpellings: [],
      }),
    ).toEqual({ personId: id, unidentified: null, role: null, title: null, annotation: null, text: 'y', label: 'KIM' });
    expect(storedTranscriptTurn({ cue: 'LAUGHTER' })).toEqual({ cue: 'LAUGHTER' });
  });

  it('is what a story carries in its transcript', () => {
    expect(StorySchema.shape.transcript.safeParse({ turns: [{ cue: 'MUSIC' }] }).success).toBe(true);
  });
});
