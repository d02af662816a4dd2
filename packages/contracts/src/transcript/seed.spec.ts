import { PublicStorySchema } from '../public.js';
import {
  ParseTranscriptResponseSchema,
  TranscriptInputSchema,
  candidateNames,
  parseTranscript,
  renderTranscript,
  resolveTranscript,
  transcriptToText,
  type TranscriptPerson,
} from './index.js';

/**
 * The seed story's transcript structure (a Moscow correspondent's report, 2017-01-23), written
 * in our own words: same labels, same annotation-only turn, same multi-paragraph turns, same
 * sign-off sharing its paragraph with the credit line.
 */
const SEED_LIKE = `LUCIAN KIM, BYLINE: In his first address as president, Donald Trump spent little time on the rest of the world. One idea did stand out: countries whose interests meet should act together.


PRESIDENT DONALD TRUMP: Together with our partners, old and new, we will stand firm against terrorism.

KIM: Moscow wants to look as if it got there first. The defense ministry here says its bombers have hit targets in Syria since the inauguration, and it claims the "coalition" shared coordinates — a claim Washington denies.

Talks on Syria, brokered by Russia with Iran and Turkey, also opened this week in Kazakhstan.



KIM: Back in September 2015, Vladimir Putin asked the United Nations for a broad front against terrorism. Days later Russian jets were over Syria.

Since then the Kremlin has helped Bashar al-Assad take back Aleppo and brought rebel groups to the table. Foreign Minister Sergey Lavrov now says the door is open to Washington.


SERGEY LAVROV: (Speaking Russian).

KIM: Lavrov said nobody could doubt that fighting terrorism comes first for everyone - and that the new president's focus on national interests fits the Kremlin's view. Lucian Kim, NPR News, Moscow. Transcript provided by NPR, Copyright NPR.
`;

const people: TranscriptPerson[] = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    slug: 'lucian-kim',
    displayName: 'Lucian Kim',
    givenName: 'Lucian',
    familyName: 'Kim',
    isStaff: true,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    slug: 'donald-trump',
    displayName: 'Donald Trump',
    givenName: 'Donald',
    familyName: 'Trump',
    labelTitle: 'PRESIDENT',
  },
  {
    id: '33333333-3333-4333-8333-333333333333',
    slug: 'sergey-lavrov',
    displayName: 'Sergey Lavrov',
    givenName: 'Sergey',
    familyName: 'Lavrov',
    aliases: ['Sergei Lavrov'],
  },
];
const [kim, trump, lavrov] = people.map((p) => p.id);

describe('the seed story transcript', () => {
  const parsed = parseTranscript(SEED_LIKE);

  it('reads every label, with title and role', () => {
    expect(parsed.turns.map((t) => (t.kind === 'spoken' ? [t.label, t.title, t.name, t.role] : t.cue))).toEqual([
      ['LUCIAN KIM, BYLINE', null, 'LUCIAN KIM', 'BYLINE'],
      ['PRESIDENT DONALD TRUMP', 'PRESIDENT', 'DONALD TRUMP', null],
      ['KIM', null, 'KIM', null],
      ['KIM', null, 'KIM', null],
      ['SERGEY LAVROV', null, 'SERGEY LAVROV', null],
      ['KIM', null, 'KIM', null],
    ]);
  });

  it('keeps multi-paragraph turns, quotes and dashes, and the annotation-only turn', () => {
    const [, , third, , lavrovTurn, last] = parsed.turns;
    expect(third).toMatchObject({ kind: 'spoken', annotation: null });
    expect(third?.kind === 'spoken' && third.text.split('\n\n')).toEqual([
      expect.stringContaining('the "coalition" shared coordinates — a claim'),
      'Talks on Syria, brokered by Russia with Iran and Turkey, also opened this week in Kazakhstan.',
    ]);
    expect(lavrovTurn).toMatchObject({ annotation: 'Speaking Russian', text: '' });
    expect(last).toMatchObject({ text: expect.stringMatching(/Lucian Kim, NPR News, Moscow\.$/) });
  });

  it('splits the credit line off the sign-off paragraph', () => {
    expect(parsed.credit).toBe('Transcript provided by NPR, Copyright NPR.');
    expect(JSON.stringify(parsed.turns)).not.toContain('Transcript provided');
  });

  it('asks the registry for the names it needs', () => {
    expect(candidateNames(parsed.turns)).toEqual([
      'donald trump',
      'kim',
      'lavrov',
      'lucian kim',
      'president donald trump',
      'sergey lavrov',
      'trump',
    ]);
  });

  it('resolves every speaker, the surname references to the correspondent', () => {
    const response = ParseTranscriptResponseSchema.parse(resolveTranscript(parsed, people));
    expect(response.unresolved).toEqual([]);
    expect(response.turns.map((t) => ('cue' in t ? t.cue : [t.personId, t.title, t.role, t.confidence]))).toEqual([
      [kim, null, 'BYLINE', 1],
      [trump, 'PRESIDENT', null, 0.95],
      [kim, null, null, 0.9],
      [kim, null, null, 0.9],
      [lavrov, null, null, 1],
      [kim, null, null, 0.9],
    ]);
  });

  it('renders the same labels back and the same broadcast text', () => {
    const response = resolveTranscript(parsed, people);
    const stored = TranscriptInputSchema.parse({ turns: response.turns }).turns;
    const rendered = renderTranscript(stored, people);
    expect(rendered.map((t) => ('label' in t ? t.label : t.cue))).toEqual([
      'LUCIAN KIM, BYLINE',
      'PRESIDENT DONALD TRUMP',
      'KIM',
      'KIM',
      'SERGEY LAVROV',
      'KIM',
    ]);
    expect(rendered[0]).toEqual({
      label: 'LUCIAN KIM, BYLINE',
      speaker: { name: 'Lucian Kim', slug: 'lucian-kim' },
      annotation: null,
      text: expect.any(String),
    });
    expect(PublicStorySchema.shape.transcript.safeParse({ turns: rendered }).success).toBe(true);

    const text = transcriptToText(rendered, response.credit);
    const tidy = (s: string) => s.replace(/\n{3,}/g, '\n\n').replace(' Transcript provided', '\n\nTranscript provided');
    expect(text).toBe(tidy(SEED_LIKE));
  });
});
