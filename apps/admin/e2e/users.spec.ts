import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { NewUserPage } from './pages/new-user-page';
import { SetPasswordPage } from './pages/set-password-page';
import { UserPage } from './pages/user-page';
import { UsersPage } from './pages/users-page';
import { DEMO, createUserViaApi, uniqueTag, updateUserViaApi } from './support/data';
import { ADMIN_URL } from './support/servers';

test('an admin adds a user without a password; the one-time link sets it and they sign in', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ADMIN_URL });
  const tag = uniqueTag();
  const email = `nadia.${tag}@newsdesk.test`;
  const name = `Nadia New ${tag}`;
  const password = `harbour-lights-${tag}`;

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.admin);
  const masthead = new Masthead(page);
  await expect(new DeskPage(page).heading).toBeVisible();
  await expect(masthead.section('Stories')).toBeVisible();
  await masthead.section('Users').click();
  const users = new UsersPage(page);
  await expect(users.heading).toBeVisible();
  await users.addUser.click();

  const form = new NewUserPage(page);
  await expect(form.heading).toBeVisible();
  // The contract's rules run before anything is sent.
  await form.submit.click();
  await expect(form.alert('A name is required')).toBeVisible();
  await expect(form.alert('Give the user at least one role')).toBeVisible();

  await form.fill({ email, name, roles: ['Editor'] });
  await expect(form.sendLink).toBeChecked();
  await expect(form.password).toHaveCount(0);
  await form.submit.click();

  await expect(form.added).toBeVisible();
  await expect(form.link).toHaveValue(new RegExp(`^${ADMIN_URL}/set-password\\?token=`));
  await form.copy.click();
  await expect(form.copyState).toHaveText('Copied to the clipboard.');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(await form.link.inputValue());

  // The same email cannot be added twice: the server's field error lands on the field.
  await page.getByRole('button', { name: 'Add another user' }).click();
  await form.fill({ email, name: `${name} again`, roles: ['Producer'] });
  await form.submit.click();
  await expect(form.alert('A user with this email already exists')).toBeVisible();
  await expect(form.email).toHaveAttribute('aria-invalid', 'true');

  await users.goto({ q: tag });
  const row = users.row(email);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  await expect(row).toContainText('Editor');
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Not set yet');

  // The new user opens the link in a browser of their own: no session needed.
  const theirs = await browser.newContext({ baseURL: ADMIN_URL });
  try {
    const guest = await theirs.newPage();
    await guest.goto(link);
    const setPassword = new SetPasswordPage(guest);
    await expect(setPassword.heading).toBeVisible();
    await setPassword.setPassword('too-short');
    await expect(setPassword.alert('Use at least 12 characters')).toBeVisible();
    await setPassword.setPassword(password, `${password}-typo`);
    await expect(setPassword.alert('The two passwords are not the same')).toBeVisible();
    await setPassword.setPassword(password);
    await expect(setPassword.done).toBeVisible();
    await setPassword.signIn.click();

    await expect(guest).toHaveURL(/\/login$/);
    await new LoginPage(guest).signIn({ email, password });
    await expect(new DeskPage(guest).heading).toBeVisible(); // an editor: lands on the desk
    await expect(guest.getByRole('banner')).toContainText(name);
    await expect(new Masthead(guest).section('Users')).toHaveCount(0);

    // The link worked once.
    await guest.goto(link);
    await setPassword.setPassword(`${password}-again`);
    await expect(setPassword.alert('This link cannot be used.')).toBeVisible();
  } finally {
    await theirs.close();
  }

  await page.reload();
  await expect(users.row(email)).toContainText('Set');
  await expect(users.row(email)).not.toContainText('Not set yet');
});

test('the user list searches names and emails and filters by status', async ({ page, request }) => {
  const active = await createUserViaApi(request, { roles: ['producer'], name: 'Filter Active' });
  const inactive = await createUserViaApi(request, { roles: ['editor', 'producer'], name: 'Filter Inactive' });

  await new LoginPage(page).goto('/users');
  await new LoginPage(page).signIn(DEMO.admin);
  const users = new UsersPage(page);
  await expect(users.heading).toBeVisible();

  // Deactivate one of them through their page.
  await users.searchFor(inactive.email);
  await users.userLink(inactive.name).click();
  const user = new UserPage(page);
  await expect(page).toHaveURL(new RegExp(`/users/${inactive.id}$`));
  await user.deactivate.click();
  await user.confirmDeactivate.click();
  await expect(user.status).toHaveText('Deactivated');

  await users.goto({ q: 'Filter' });
  await expect(users.row(active.email)).toHaveCount(1);
  await expect(users.row(inactive.email)).toHaveCount(1);
  await expect(users.row(inactive.email)).toContainText('Deactivated');
  await users.filterByStatus('Active');
  await expect(page).toHaveURL(/\/users\?active=true&q=Filter$/);
  await expect(users.row(active.email)).toHaveCount(1);
  await expect(users.row(inactive.email)).toHaveCount(0);
  await users.filterByStatus('Deactivated');
  await expect(users.row(active.email)).toHaveCount(0);
  await expect(users.row(inactive.email)).toHaveCount(1);

  // Reactivate: asks first, then the account is active again.
  await users.userLink(inactive.name).click();
  await user.reactivate.click();
  await expect(page.getByText(`Reactivate ${inactive.name}?`)).toBeVisible();
  await user.confirmReactivate.click();
  await expect(user.status).toHaveText('Active');
});

test('an admin edits a user, issues a reset link, and cannot lock themself out', async ({ page, request }) => {
  // An admin of the test's own, so nothing here can touch the demo admin.
  const admin = await createUserViaApi(request, { roles: ['admin'], name: 'Ada Admin' });
  const member = await createUserViaApi(request, { roles: ['producer'], name: 'Max Member' });

  await new LoginPage(page).goto(`/users/${member.id}`);
  await new LoginPage(page).signIn(admin);
  const user = new UserPage(page);
  await expect(user.name).toHaveValue(member.name);

  // Name and roles.
  await user.name.fill(`${member.name} Junior`);
  await user.role('Editor').check();
  await user.save.click();
  await expect(user.saveState).toHaveText('Saved.');
  await page.reload();
  await expect(user.name).toHaveValue(`${member.name} Junior`);
  await expect(user.role('Editor')).toBeChecked();
  await expect(user.role('Producer')).toBeChecked();

  await user.role('Editor').uncheck();
  await user.role('Producer').uncheck();
  await user.save.click();
  await expect(user.alert('Give the user at least one role')).toBeVisible();

  // A reset link, shown with its Copy button.
  await user.issueResetLink.click();
  await expect(user.resetLink).toHaveValue(/\/set-password\?token=/);
  await expect(page.getByRole('button', { name: 'Copy link' })).toBeVisible();

  // Their own account: the API refuses, and the page says why on the control concerned.
  await user.goto(admin.id);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('(you)');
  await user.deactivate.click();
  await user.confirmDeactivate.click();
  await expect(user.alert('You cannot deactivate your own account')).toBeVisible();
  await expect(user.status).toHaveText('Active');

  await user.role('Admin').uncheck();
  await user.role('Editor').check();
  await user.save.click();
  await expect(user.alert('You cannot remove your own admin role')).toBeVisible();
  await expect(user.role('Admin')).toHaveAttribute('aria-invalid', 'true');

  // Renaming themself shows in the masthead straight away.
  await user.role('Admin').check();
  await user.role('Editor').uncheck();
  await user.name.fill(`${admin.name} Renamed`);
  await user.save.click();
  await expect(user.saveState).toHaveText('Saved.');
  await expect(page.getByRole('banner')).toContainText(`${admin.name} Renamed`);
});

test('a stale save of a user says what another admin changed, and reloads the latest version', async ({ page, request }) => {
  const admin = await createUserViaApi(request, { roles: ['admin'], name: 'Stale Admin' });
  const member = await createUserViaApi(request, { roles: ['producer'], name: 'Stale Member' });

  await new LoginPage(page).goto(`/users/${member.id}`);
  await new LoginPage(page).signIn(admin);
  const user = new UserPage(page);
  await expect(user.name).toHaveValue(member.name);

  // Meanwhile, another admin renames them.
  await updateUserViaApi(request, member.id, { name: `${member.name} Elsewhere` });

  await user.role('Editor').check();
  await user.save.click();
  await expect(user.alert('This account changed since you opened it.')).toBeVisible();
  await expect(user.alert('Changed there: Name.')).toBeVisible();
  await page.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(user.name).toHaveValue(`${member.name} Elsewhere`);
  await expect(user.role('Editor')).not.toBeChecked();

  await user.role('Editor').check();
  await user.save.click();
  await expect(user.saveState).toHaveText('Saved.');
});
