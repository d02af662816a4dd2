import { expect, type Locator, type Page } from '@playwright/test';

export interface StoryFields {
  headline?: string;
  slug?: string;
  teaser?: string;
  dateline?: string;
  credit?: string;
}

export type ToolbarButton =
  'Bold' | 'Italic' | 'Underline' | 'Heading 2' | 'Heading 3' | 'Bulleted list' | 'Numbered list' | 'Quote' | 'Link' | 'Image';

export class StoryEditorPage {
  readonly headline: Locator;
  readonly slug: Locator;
  readonly teaser: Locator;
  readonly dateline: Locator;
  /** The rich-text body (Tiptap's contenteditable). */
  readonly body: Locator;
  readonly credit: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;
  readonly publishing: Locator;
  readonly status: Locator;
  readonly publishAt: Locator;
  readonly timeZone: Locator;
  readonly scheduleMeaning: Locator;
  readonly publishButton: Locator;
  readonly scheduleButton: Locator;
  readonly submitButton: Locator;
  readonly returnToDraftButton: Locator;
  readonly unpublishButton: Locator;
  readonly countdown: Locator;
  readonly publicLink: Locator;
  readonly conflict: Locator;
  readonly reloadLatest: Locator;
  readonly tags: Locator;
  readonly tagSearch: Locator;
  readonly suggestions: Locator;
  readonly history: Locator;
  readonly corrections: Locator;

  constructor(private readonly page: Page) {
    this.headline = page.getByLabel('Headline', { exact: true });
    this.slug = page.getByLabel('Slug', { exact: true });
    this.teaser = page.getByLabel('Teaser', { exact: true });
    this.dateline = page.getByLabel('Dateline', { exact: true });
    this.body = page.getByRole('textbox', { name: 'Body', exact: true });
    this.credit = page.getByLabel('Credit', { exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.locator('#save-state');
    this.publishing = page.getByRole('region', { name: 'Publishing' });
    this.status = this.publishing.locator('.badge:not(.badge-embargo)');
    this.publishAt = page.getByLabel('Goes live at', { exact: true });
    this.timeZone = this.publishing.getByRole('group', { name: 'Schedule' }).getByLabel('Time zone', { exact: true });
    this.scheduleMeaning = page.locator('#story-publish-at-meaning');
    this.publishButton = page.getByRole('button', { name: /^Publish (now|again)$/ });
    this.scheduleButton = this.publishing.getByRole('button', { name: 'Schedule', exact: true });
    this.submitButton = page.getByRole('button', { name: 'Submit for review' });
    this.returnToDraftButton = page.getByRole('button', { name: 'Return to draft' });
    this.unpublishButton = page.getByRole('button', { name: 'Unpublish' });
    this.countdown = this.publishing.locator('.countdown');
    this.publicLink = this.publishing.getByRole('link', { name: /\/api\/public\/stories\// });
    this.conflict = this.alert('This story changed since you opened it');
    this.reloadLatest = page.getByRole('button', { name: 'Reload the latest version' });
    this.tags = page.getByRole('list', { name: 'Tags of this story' });
    this.tagSearch = page.getByPlaceholder('Find or create a tag');
    this.suggestions = page.getByRole('region', { name: 'Suggested tags' });
    this.history = page.getByRole('region', { name: 'History' });
    this.corrections = page.getByRole('region', { name: 'Corrections' });
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
      credit: this.credit,
    };
    for (const [name, value] of Object.entries(fields) as [keyof StoryFields, string | undefined][]) {
      if (value !== undefined) await inputs[name].fill(value);
    }
  }

  toolbar(button: ToolbarButton): Locator {
    return this.page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: button, exact: true });
  }

  /** Types at the end of the body. */
  async typeInBody(text: string) {
    await this.body.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** Replaces the whole body with plain text. */
  async replaceBody(text: string) {
    await this.body.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }

  /** Turns the selection (or what is typed next) into a link through the link dialog. */
  async addLink(href: string) {
    await this.toolbar('Link').click();
    const dialog = this.page.getByRole('dialog', { name: /link/i });
    await dialog.getByLabel('Link address').fill(href);
    await dialog.getByRole('button', { name: 'Apply link' }).click();
    return dialog;
  }

  /** A tag suggestion chip ("+ Name (where, n×)"). */
  suggestion(name: string): Locator {
    return this.suggestions.getByRole('button', { name: new RegExp(`^\\+ ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`) });
  }

  /** Adds a byline by searching correspondents for `name` and choosing the match. */
  async addByline(name: string) {
    await this.page.getByPlaceholder('Find a correspondent').fill(name);
    await this.page.getByRole('button', { name: new RegExp(`^\\+ ${name}\\b`) }).click();
    await expect(this.page.getByRole('list', { name: 'Bylines of this story' }).getByText(name, { exact: true })).toBeVisible();
  }

  async save() {
    await this.saveButton.click();
  }

  async publish() {
    await this.publishButton.click();
  }

  /** Schedules at a wall-clock time (`YYYY-MM-DDTHH:MM[:SS]`) read in `zone`. */
  async schedule(wallTime: string, zone: string) {
    await this.timeZone.selectOption(zone);
    await this.publishAt.fill(wallTime);
    await this.scheduleButton.click();
  }

  revision(n: number): Locator {
    return this.history
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('checkbox', { name: `Compare revision ${n}`, exact: true }) });
  }

  async compareRevisions(a: number, b: number) {
    await this.history.getByRole('checkbox', { name: `Compare revision ${a}`, exact: true }).check();
    await this.history.getByRole('checkbox', { name: `Compare revision ${b}`, exact: true }).check();
    await this.history.getByRole('button', { name: /^Compare #/ }).click();
    return this.history.getByRole('region', { name: /^Changes from revision/ });
  }

  async restoreRevision(n: number) {
    this.page.once('dialog', (dialog) => void dialog.accept());
    await this.history.getByRole('button', { name: `Restore revision ${n}`, exact: true }).click();
  }

  async addCorrection(text: string) {
    await this.corrections.getByLabel('Add correction').fill(text);
    await this.corrections.getByRole('button', { name: 'Add correction' }).click();
  }

  /** The Audio section's list (first: "Primary · Listen"). */
  get audioList(): Locator {
    return this.page.getByRole('list', { name: 'Audio of this story' });
  }

  /** Attaches audio from the library: searches for `query` and picks the match named `title`. */
  async addAudioFromLibrary(query: string, title: string) {
    await this.page.getByLabel('Add from library').fill(query);
    await this.page
      .getByRole('list', { name: 'Audio found' })
      .getByRole('button', { name: new RegExp(`^\\+ ${title}`) })
      .click();
    await expect(this.audioList.getByRole('link', { name: title, exact: true })).toBeVisible();
  }

  get broadcast(): Locator {
    return this.page.getByLabel('Broadcast piece');
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
