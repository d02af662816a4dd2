import { UpdatePodcastSettingsSchema, type PodcastSettings } from '@newsdesk/contracts';
import { PodcastFormSchema, mediaIdOf, toPodcastForm, toPodcastUpdate } from './podcast-form';

const saved: PodcastSettings = {
  programId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  enabled: false,
  title: '',
  description: '',
  artworkMediaId: null,
  artworkUrl: null,
  category: 'News',
  subcategory: 'Daily News',
  explicit: false,
  language: 'en-US',
  ownerName: '',
  ownerEmail: '',
  author: '',
  type: 'episodic',
  locked: false,
  guid: '917393e3-1b1e-5cef-ace4-edaa54e1f810',
  feedUrl: 'https://api.example.org/api/public/programs/morning/podcast.rss',
  version: 1,
  updatedAt: null,
};

describe('the podcast settings form', () => {
  it('sends only the version when nothing changed', async () => {
    const values = await PodcastFormSchema.parseAsync(toPodcastForm(saved));
    expect(toPodcastUpdate(values, saved)).toEqual({ version: 1 });
  });

  it('sends the changed fields, and the category with a changed subcategory (the API checks one against the other)', async () => {
    const values = await PodcastFormSchema.parseAsync({
      ...toPodcastForm(saved),
      enabled: true,
      ownerEmail: 'podcasts@example.org',
      subcategory: 'Politics',
    });
    const update = toPodcastUpdate(values, saved);
    expect(update).toEqual({ version: 1, enabled: true, ownerEmail: 'podcasts@example.org', category: 'News', subcategory: 'Politics' });
    expect(UpdatePodcastSettingsSchema.safeParse(update).success).toBe(true);
  });

  it('clears the category as null and refuses a subcategory of another category', async () => {
    const cleared = await PodcastFormSchema.parseAsync({ ...toPodcastForm(saved), category: '', subcategory: '' });
    expect(toPodcastUpdate(cleared, saved)).toEqual({ version: 1, category: null, subcategory: null });
    const wrong = PodcastFormSchema.safeParse({ ...toPodcastForm(saved), category: 'Arts', subcategory: 'Daily News' });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['subcategory']);
  });

  it('refuses an owner email that is not one, and a language that is not a tag', () => {
    expect(PodcastFormSchema.safeParse({ ...toPodcastForm(saved), ownerEmail: 'nobody' }).success).toBe(false);
    expect(PodcastFormSchema.safeParse({ ...toPodcastForm(saved), language: 'English' }).success).toBe(false);
  });
});

describe('an uploaded image named by its address', () => {
  it('finds the media id in a relative or absolute address, or a bare id', () => {
    const id = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
    expect(mediaIdOf(`/api/media/${id}`)).toBe(id);
    expect(mediaIdOf(` https://api.example.org/api/media/${id.toUpperCase()}?v=2 `)).toBe(id);
    expect(mediaIdOf(id)).toBe(id);
    expect(mediaIdOf('/api/media/not-an-id')).toBeNull();
    expect(mediaIdOf(`/api/stories/${id}`)).toBeNull();
  });
});
