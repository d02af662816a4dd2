import type { Locator, Page } from '@playwright/test';

/** /audit: filters and the log table. */
export class AuditPage {
  readonly heading: Locator;
  readonly recordType: Locator;
  readonly action: Locator;
  readonly actor: Locator;
  readonly recordId: Locator;
  readonly from: Locator;
  readonly until: Locator;
  readonly apply: Locator;
  readonly notAllowed: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audit log' });
    this.recordType = page.getByLabel('Record type', { exact: true });
    this.action = page.getByLabel('Action', { exact: true });
    this.actor = page.getByLabel('Done by', { exact: true });
    this.recordId = page.getByLabel('Record id', { exact: true });
    this.from = page.getByLabel('From', { exact: true });
    this.until = page.getByLabel('Until', { exact: true });
    this.apply = page.getByRole('button', { name: 'Apply filters' });
    this.notAllowed = page.getByRole('heading', { level: 1, name: 'Not allowed' });
  }

  async goto(query: Record<string, string> = {}) {
    const params = new URLSearchParams(query);
    await this.page.goto(params.size ? `/audit?${params}` : '/audit');
  }

  /** Table rows containing this text. */
  rows(text: string | RegExp): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  get loadMore(): Locator {
    return this.page.getByRole('button', { name: 'Load more' });
  }
}
