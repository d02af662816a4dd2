import {
  CreateCorrespondentSchema,
  CreatePersonSchema,
  MergePersonSchema,
  PersonSchema,
  TranscriptPersonSchema,
  UpdateMediaSchema,
  UpdatePersonSchema,
  fieldErrors,
  splitName,
  toTranscriptPerson,
  type Person,
} from './index.js';

const lavrov: Person = {
  id: '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d',
  slug: 'sergey-lavrov',
  displayName: 'Sergey Lavrov',
  givenName: 'Sergey',
  familyName: 'Lavrov',
  labelTitle: null,
  affiliation: 'Russian Foreign Minister',
  aliases: ['Sergei Lavrov'],
  wordsPerMinute: null,
  isStaff: false,
  correspondentId: null,
  version: 1,
  createdAt: '2017-01-23T10:00:00.000Z',
  updatedAt: '2017-01-23T10:00:00.000Z',
};

describe('splitName', () => {
  it.each([
    ['Vladimir Putin', '', 'Vladimir', 'Putin'],
    ['Bashar al-Assad', '', 'Bashar', 'al-Assad'],
    ['Ludwig van Beethoven', '', 'Ludwig', 'van Beethoven'],
    ['Martin Luther King Jr.', '', 'Martin Luther', 'King'],
    ['Madonna', '', '', 'Madonna'],
    ['  Lucian   Kim ', '', 'Lucian', 'Kim'],
  ])('%s', (name, _, given, family) => {
    expect(splitName(name)).toEqual({ givenName: given, familyName: family });
  });
});

describe('person contracts', () => {
  it('upper-cases the label title and turns an empty one into null', () => {
    expect(CreatePersonSchema.parse({ displayName: 'Donald Trump', labelTitle: 'president' }).labelTitle).toBe('PRESIDENT');
    expect(CreatePersonSchema.parse({ displayName: 'Donald Trump', labelTitle: ' ' }).labelTitle).toBeNull();
    const bad = CreatePersonSchema.safeParse({ displayName: 'Donald Trump', labelTitle: 'PRESIDENT, U.S.' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(fieldErrors(bad.error)[0]!.field).toBe('labelTitle');
  });

  it('drops blank and repeated aliases', () => {
    expect(CreatePersonSchema.parse({ displayName: 'Sergey Lavrov', aliases: ['Sergei Lavrov', ' ', 'Sergei Lavrov'] }).aliases).toEqual([
      'Sergei Lavrov',
    ]);
  });

  it('refuses unknown fields and updates without a version', () => {
    expect(CreatePersonSchema.safeParse({ displayName: 'x', isStaff: true }).success).toBe(false);
    expect(UpdatePersonSchema.safeParse({ displayName: 'x' }).success).toBe(false);
    expect(MergePersonSchema.safeParse({ intoId: lavrov.id }).success).toBe(false);
  });

  it("turns a person into the transcript module's person as it is", () => {
    expect(PersonSchema.parse(lavrov)).toEqual(lavrov);
    expect(TranscriptPersonSchema.parse(lavrov)).toEqual(toTranscriptPerson(lavrov));
    expect(toTranscriptPerson({ ...lavrov, isStaff: true }).isStaff).toBe(true);
  });
});

describe('correspondent and media contracts', () => {
  it('fills defaults and folds the email', () => {
    const parsed = CreateCorrespondentSchema.parse({ name: 'Lucian Kim', email: ' LKim@Newsdesk.Local ' });
    expect(parsed).toMatchObject({
      title: '',
      bureau: '',
      bio: '',
      beats: [],
      socialLinks: [],
      active: true,
      email: 'lkim@newsdesk.local',
    });
    expect(CreateCorrespondentSchema.parse({ name: 'Lucian Kim', email: '' }).email).toBeNull();
  });

  it('names bad social links and beats', () => {
    const result = CreateCorrespondentSchema.safeParse({
      name: 'x',
      socialLinks: [{ label: 'Site', url: 'javascript:alert(1)' }],
      beats: [''],
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(
        fieldErrors(result.error)
          .map((e) => e.field)
          .sort(),
      ).toEqual(['beats.0', 'socialLinks.0.url']);
  });

  it('edits media alt and credit only with a version', () => {
    expect(UpdateMediaSchema.safeParse({ alt: 'x' }).success).toBe(false);
    expect(UpdateMediaSchema.parse({ version: 1, alt: ' Portrait ' }).alt).toBe('Portrait');
  });
});
