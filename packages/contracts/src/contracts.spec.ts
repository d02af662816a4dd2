import { CreateStorySchema, LoginSchema, PublishStorySchema, UpdateStorySchema, can, fieldErrors } from './index.js';

describe('story contracts', () => {
  it('requires a headline and names the field', () => {
    const result = CreateStorySchema.safeParse({ headline: '   ' });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)).toEqual([{ field: 'headline', message: 'A headline is required' }]);
  });
  it('needs only a headline to create a draft, and refuses unknown fields', () => {
    expect(CreateStorySchema.parse({ headline: 'Kremlin courts Washington' })).toEqual({ headline: 'Kremlin courts Washington' });
    expect(CreateStorySchema.safeParse({ headline: 'x', status: 'published' }).success).toBe(false);
  });
  it('checks byline and tag lists', () => {
    const id = '8d1f6e55-4a8b-4c7e-9d3c-1f2e3a4b5c6d';
    expect(CreateStorySchema.safeParse({ headline: 'x', tagIds: [id, id] }).success).toBe(false);
    expect(CreateStorySchema.safeParse({ headline: 'x', bylineIds: ['nope'] }).success).toBe(false);
    expect(CreateStorySchema.safeParse({ headline: 'x', bylineIds: [id], tagIds: [] }).success).toBe(true);
  });
  it('requires a version on every update', () => {
    expect(UpdateStorySchema.safeParse({ headline: 'x' }).success).toBe(false);
    expect(UpdateStorySchema.safeParse({ headline: 'x', version: 3 }).success).toBe(true);
  });
  it('accepts only ISO instants with an offset for publishAt', () => {
    expect(PublishStorySchema.safeParse({ version: 1, publishAt: '2017-01-23T10:00:00Z' }).success).toBe(true);
    expect(PublishStorySchema.safeParse({ version: 1, publishAt: 'tomorrow' }).success).toBe(false);
  });
});

describe('login contract', () => {
  it('lowercases and trims the email', () => {
    expect(LoginSchema.parse({ email: ' Editor@Newsdesk.Local ', password: 'x' }).email).toBe('editor@newsdesk.local');
  });
});

describe('permissions', () => {
  it('follows the newsroom table', () => {
    expect(can(['editor'], 'story.publish')).toBe(true);
    expect(can(['producer'], 'story.publish')).toBe(false);
    expect(can(['producer'], 'schedule.write')).toBe(true);
    expect(can(['editor'], 'correspondent.write')).toBe(false);
    expect(can(['editor', 'producer'], 'schedule.write')).toBe(true);
    expect(can([], 'story.read')).toBe(false);
  });
});
