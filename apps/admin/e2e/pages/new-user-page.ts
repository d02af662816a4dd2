import type { Locator, Page } from '@playwright/test';

type RoleLabel = 'Admin' | 'Editor' | 'Producer';

/** /users/new: the add-user form, then the result with the one-time link. */
export class NewUserPage {
  readonly heading: Locator;
  readonly email: Locator;
  readonly name: Locator;
  readonly sendLink: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly added: Locator;
  readonly link: Locator;
  readonly copy: Locator;
  readonly copyState: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Add user' });
    this.email = page.getByLabel('Email', { exact: true });
    this.name = page.getByLabel('Name', { exact: true });
    this.sendLink = page.getByLabel('Send a set-password link instead');
    this.password = page.getByLabel('Password', { exact: true });
    this.submit = page.getByRole('button', { name: 'Add user' });
    this.added = page.getByRole('heading', { level: 1, name: 'User added' });
    this.link = page.getByLabel(/^Set-password link for /);
    this.copy = page.getByRole('button', { name: 'Copy link' });
    this.copyState = page.locator('.copy-state');
  }

  async goto() {
    await this.page.goto('/users/new');
  }

  role(label: RoleLabel): Locator {
    return this.page.getByRole('checkbox', { name: label, exact: true });
  }

  async fill({ email, name, roles }: { email: string; name: string; roles: RoleLabel[] }) {
    await this.email.fill(email);
    await this.name.fill(name);
    for (const role of roles) await this.role(role).check();
  }

  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}
