import type { Locator, Page } from '@playwright/test';

/** The desk's header: section links (by permission), the signed-in user, Account, Sign out. */
export class Masthead {
  readonly sections: Locator;
  readonly account: Locator;
  readonly signOutButton: Locator;

  constructor(private readonly page: Page) {
    this.sections = page.getByRole('navigation', { name: 'Sections' });
    this.account = page.getByRole('banner').getByRole('link', { name: 'Account', exact: true });
    this.signOutButton = page.getByRole('banner').getByRole('button', { name: 'Sign out' });
  }

  section(label: 'Stories' | 'Audio' | 'Schedule' | 'Users' | 'Audit'): Locator {
    return this.sections.getByRole('link', { name: label, exact: true });
  }
}
