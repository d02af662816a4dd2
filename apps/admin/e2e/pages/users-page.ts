import type { Locator, Page } from '@playwright/test';

/** /users: the staff table with its filters. */
export class UsersPage {
  readonly heading: Locator;
  readonly addUser: Locator;
  readonly search: Locator;
  readonly notAllowed: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Users' });
    this.addUser = page.getByRole('link', { name: 'Add user' });
    this.search = page.getByRole('searchbox', { name: 'Search names and emails' });
    this.notAllowed = page.getByRole('heading', { level: 1, name: 'Not allowed' });
  }

  async goto(query: { active?: 'true' | 'false'; q?: string } = {}) {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    await this.page.goto(params.size ? `/users?${params}` : '/users');
  }

  async searchFor(text: string) {
    await this.search.fill(text);
    await this.search.press('Enter');
  }

  async filterByStatus(label: 'All' | 'Active' | 'Deactivated') {
    await this.page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: label, exact: true }).click();
  }

  /** The table row of the user with this email (or any text in the row). */
  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  userLink(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true });
  }
}
