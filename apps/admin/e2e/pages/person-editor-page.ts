import type { Locator, Page } from '@playwright/test';

export class PersonEditorPage {
  readonly displayName: Locator;
  readonly familyName: Locator;
  readonly labelTitle: Locator;
  readonly affiliation: Locator;
  readonly aliases: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;
  readonly mergeButton: Locator;
  readonly mergeDialog: Locator;

  constructor(private readonly page: Page) {
    this.displayName = page.getByLabel('Display name', { exact: true });
    this.familyName = page.getByLabel('Family name', { exact: true });
    this.labelTitle = page.getByLabel('Label title', { exact: true });
    this.affiliation = page.getByLabel('Who they are', { exact: true });
    this.aliases = page.getByLabel('Other spellings', { exact: true });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.getByRole('status');
    this.mergeButton = page.getByRole('button', { name: 'Merge into another person…' });
    this.mergeDialog = page.getByRole('dialog');
  }

  async addAlias(alias: string) {
    await this.aliases.fill(alias);
    await this.aliases.press('Enter');
  }

  personId(): string {
    const match = /\/people\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`Not on a person URL: ${this.page.url()}`);
    return match[1];
  }
}
