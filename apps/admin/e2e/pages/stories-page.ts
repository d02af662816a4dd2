import type { Locator, Page } from '@playwright/test';

export class StoriesPage {
  readonly heading: Locator;
  readonly newStory: Locator;
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Stories' });
    this.newStory = page.getByRole('link', { name: 'New story' });
    this.search = page.getByRole('searchbox', { name: 'Search headlines' });
  }

  async goto(query: { status?: string; q?: string } = {}) {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    await this.page.goto(params.size ? `/stories?${params}` : '/stories');
  }

  async filterByStatus(label: 'All' | 'Draft' | 'In review' | 'Scheduled' | 'Published' | 'Unpublished') {
    await this.page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: label, exact: true }).click();
  }

  /** Table rows mentioning this text (the header row never does). */
  rows(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  get loadMore(): Locator {
    return this.page.getByRole('button', { name: 'Load more' });
  }

  storyLink(headline: string): Locator {
    return this.page.getByRole('link', { name: headline, exact: true });
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
  }
}
