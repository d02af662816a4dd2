import type { Locator, Page } from '@playwright/test';

export class CorrespondentEditorPage {
  readonly name: Locator;
  readonly title: Locator;
  readonly bureau: Locator;
  readonly email: Locator;
  readonly bio: Locator;
  readonly beats: Locator;
  readonly photoInput: Locator;
  readonly photoPreview: Locator;
  readonly photoAlt: Locator;
  readonly photoCredit: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;
  readonly publishedSwitch: Locator;
  readonly profilePanel: Locator;
  readonly status: Locator;
  readonly publicLink: Locator;

  constructor(private readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.title = page.getByLabel('Title', { exact: true });
    this.bureau = page.getByLabel('Bureau', { exact: true });
    this.email = page.getByLabel('Email', { exact: true });
    this.bio = page.getByLabel('Bio', { exact: true });
    this.beats = page.getByLabel('Beats', { exact: true });
    this.photoInput = page.locator('input[type="file"]');
    this.photoPreview = page.getByTestId('photo-preview');
    this.photoAlt = page.getByLabel('Alt text', { exact: true });
    this.photoCredit = page.getByLabel('Photo credit', { exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.getByRole('status');
    this.publishedSwitch = page.getByRole('switch', { name: /Published profile|Publishing|Unpublishing/ });
    this.profilePanel = page.getByRole('region', { name: 'Profile' });
    this.status = this.profilePanel.locator('.badge').first();
    this.publicLink = this.profilePanel.getByRole('link', { name: /\/api\/public\/correspondents\// });
  }

  async gotoNew() {
    await this.page.goto('/correspondents/new');
  }

  async goto(id: string) {
    await this.page.goto(`/correspondents/${id}`);
  }

  async addBeat(beat: string) {
    await this.beats.fill(beat);
    await this.beats.press('Enter');
  }

  async uploadPhoto(name: string, buffer: Buffer, mimeType = 'image/png') {
    await this.photoInput.setInputFiles({ name, mimeType, buffer });
  }

  /** An alert with this text (Next's route announcer is an alert too, so always filter by text). */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }

  correspondentId(): string {
    const match = /\/correspondents\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`Not on a correspondent URL: ${this.page.url()}`);
    return match[1];
  }
}
