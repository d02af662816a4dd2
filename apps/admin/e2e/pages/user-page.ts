import type { Locator, Page } from '@playwright/test';

/** /users/<id>: name and roles, deactivate / reactivate, reset link. */
export class UserPage {
  readonly name: Locator;
  readonly save: Locator;
  readonly saveState: Locator;
  readonly account: Locator;
  readonly status: Locator;
  readonly deactivate: Locator;
  readonly reactivate: Locator;
  readonly confirmDeactivate: Locator;
  readonly confirmReactivate: Locator;
  readonly issueResetLink: Locator;
  readonly resetLink: Locator;

  constructor(private readonly page: Page) {
    this.name = page.getByLabel('Name', { exact: true });
    this.save = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.locator('.save-state');
    this.account = page.getByRole('region', { name: 'Account' });
    this.status = this.account.locator('.badge');
    this.deactivate = page.getByRole('button', { name: 'Deactivate', exact: true });
    this.reactivate = page.getByRole('button', { name: 'Reactivate', exact: true });
    this.confirmDeactivate = page.getByRole('button', { name: 'Yes, deactivate' });
    this.confirmReactivate = page.getByRole('button', { name: 'Yes, reactivate' });
    this.issueResetLink = page.getByRole('button', { name: 'Issue reset link' });
    this.resetLink = page.getByLabel(/^Set-password link for /);
  }

  async goto(userId: string) {
    await this.page.goto(`/users/${userId}`);
  }

  role(label: 'Admin' | 'Editor' | 'Producer'): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}
