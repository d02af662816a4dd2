import type { Locator, Page } from '@playwright/test';

export type DeskSection = 'My drafts' | 'In review' | 'Scheduled' | 'Recently published';

/** The editors' landing page (/desk). */
export class DeskPage {
  readonly heading: Locator;
  readonly newStory: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Desk' });
    this.newStory = page.getByRole('link', { name: 'New story' });
  }

  async goto() {
    await this.page.goto('/desk');
  }

  section(name: DeskSection): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^${name}\\b`) });
  }

  /** The line of one story in a section. */
  story(section: DeskSection, headline: string): Locator {
    return this.section(section).getByRole('listitem').filter({ hasText: headline });
  }
}
