import type { Locator, Page } from '@playwright/test';

export interface StoryFields {
  headline?: string;
  slug?: string;
  teaser?: string;
  dateline?: string;
  bodyHtml?: string;
  credit?: string;
}

export class StoryEditorPage {
  readonly headline: Locator;
  readonly slug: Locator;
  readonly teaser: Locator;
  readonly dateline: Locator;
  readonly bodyHtml: Locator;
  readonly credit: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;
  readonly publishing: Locator;
  readonly status: Locator;
  readonly publishAt: Locator;
  readonly publishButton: Locator;
  readonly unpublishButton: Locator;
  readonly publicLink: Locator;
  readonly conflict: Locator;
  readonly reloadLatest: Locator;

  constructor(private readonly page: Page) {
    this.headline = page.getByLabel('Headline', { exact: true });
    this.slug = page.getByLabel('Slug', { exact: true });
    this.teaser = page.getByLabel('Teaser', { exact: true });
    this.dateline = page.getByLabel('Dateline', { exact: true });
    this.bodyHtml = page.getByLabel('Body (HTML)', { exact: true });
    this.credit = page.getByLabel('Credit', { exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.getByRole('status');
    this.publishing = page.getByRole('region', { name: 'Publishing' });
    this.status = this.publishing.locator('.badge');
    this.publishAt = page.getByLabel('Publish at (optional)', { exact: true });
    this.publishButton = page.getByRole('button', { name: /^(Publish|Schedule)$/ });
    this.unpublishButton = page.getByRole('button', { name: 'Unpublish' });
    this.publicLink = this.publishing.getByRole('link', { name: /\/api\/public\/stories\// });
    this.conflict = this.alert('This story changed since you opened it');
    this.reloadLatest = page.getByRole('button', { name: 'Reload the latest version' });
  }

  async gotoNew() {
    await this.page.goto('/stories/new');
  }

  async goto(storyId: string) {
    await this.page.goto(`/stories/${storyId}`);
  }

  async fill(fields: StoryFields) {
    const inputs: Record<keyof StoryFields, Locator> = {
      headline: this.headline,
      slug: this.slug,
      teaser: this.teaser,
      dateline: this.dateline,
      bodyHtml: this.bodyHtml,
      credit: this.credit,
    };
    for (const [name, value] of Object.entries(fields) as [keyof StoryFields, string | undefined][]) {
      if (value !== undefined) await inputs[name].fill(value);
    }
  }

  async save() {
    await this.saveButton.click();
  }

  async publish() {
    await this.publishButton.click();
  }

  /** An alert with this text (Next's route announcer is an alert too, so always filter by text). */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  /** The story id from the editor's URL (/stories/<id>). */
  storyId(): string {
    const match = /\/stories\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`Not on a story editor URL: ${this.page.url()}`);
    return match[1];
  }
}
