import { podcastGuid } from './podcast-guid.js';

describe('podcast:guid', () => {
  it('matches the Podcasting 2.0 specification examples', () => {
    expect(podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml')).toBe('917393e3-1b1e-5cef-ace4-edaa54e1f810');
    expect(podcastGuid('podnews.net/rss/')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
    expect(podcastGuid('https://podnews.net/rss////')).toBe('9b024349-ccf0-5f69-a609-6b82873eab3c');
  });
});
