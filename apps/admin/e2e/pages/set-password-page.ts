import type { Locator, Page } from '@playwright/test';

/** /set-password?token=...: the public page a one-time link opens. */
export class SetPasswordPage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;
  readonly done: Locator;
  readonly signIn: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Set your password' });
    this.password = page.getByLabel('New password', { exact: true });
    this.confirm = page.getByLabel('New password again', { exact: true });
    this.submit = page.getByRole('button', { name: 'Set password' });
    this.done = page.getByText('Your password is set.');
    this.signIn = page.getByRole('link', { name: 'Sign in' });
  }

  async setPassword(password: string, confirm = password) {
    await this.password.fill(password);
    await this.confirm.fill(confirm);
    await this.submit.click();
  }

  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}
