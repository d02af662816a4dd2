import { expect, test } from '@playwright/test';
import { AuditPage } from './pages/audit-page';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { UsersPage } from './pages/users-page';
import { DEMO } from './support/data';

test('an editor sees no Users or Audit link, and gets the not-allowed page there', async ({ page }) => {
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();

  const masthead = new Masthead(page);
  await expect(masthead.section('Stories')).toBeVisible();
  await expect(masthead.section('Users')).toHaveCount(0);
  await expect(masthead.section('Audit')).toHaveCount(0);
  await expect(masthead.account).toBeVisible();

  const users = new UsersPage(page);
  await users.goto();
  await expect(users.notAllowed).toBeVisible();
  await expect(page.getByText('Only admins can manage staff accounts.')).toBeVisible();
  await expect(users.addUser).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);

  await page.goto('/users/new');
  await expect(users.notAllowed).toBeVisible();

  const audit = new AuditPage(page);
  await audit.goto();
  await expect(audit.notAllowed).toBeVisible();
  await expect(page.getByText('Only admins can read the audit log.')).toBeVisible();
  await expect(audit.apply).toHaveCount(0);
});
