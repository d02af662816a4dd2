import type { Locator, Page } from '@playwright/test';

/** /account: change password, own sessions. */
export class AccountPage {
  readonly heading: Locator;
  readonly currentPassword: Locator;
  readonly newPassword: Locator;
  readonly confirmPassword: Locator;
  readonly changePassword: Locator;
  readonly changed: Locator;
  readonly sessions: Locator;
  readonly thisDevice: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your account' });
    this.currentPassword = page.getByLabel('Current password', { exact: true });
    this.newPassword = page.getByLabel('New password', { exact: true });
    this.confirmPassword = page.getByLabel('New password again', { exact: true });
    this.changePassword = page.getByRole('button', { name: 'Change password' });
    this.changed = page.getByText('Password changed.');
    this.sessions = page
      .getByRole('region', { name: 'Where you are signed in' })
      .getByRole('listitem')
      .filter({ has: page.locator('.session-main') });
    this.thisDevice = this.sessions.filter({ hasText: 'This device' });
  }

  async goto() {
    await this.page.goto('/account');
  }

  async change({ current, next, confirm = next }: { current: string; next: string; confirm?: string }) {
    await this.currentPassword.fill(current);
    await this.newPassword.fill(next);
    await this.confirmPassword.fill(confirm);
    await this.changePassword.click();
  }

  /** Sessions other than this one. */
  get otherSessions(): Locator {
    return this.sessions.filter({ hasNotText: 'This device' });
  }

  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}
