import { expect, test } from '@playwright/test';
import { AccountPage } from './pages/account-page';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { createUserViaApi, uniqueTag } from './support/data';
import { ADMIN_URL } from './support/servers';

test('a user changes their password on the account page; other sessions end and the old password stops working', async ({
  page,
  browser,
  request,
}) => {
  const member = await createUserViaApi(request, { roles: ['producer'], name: 'Pat Password' });
  const newPassword = `lighthouse-keeper-${uniqueTag()}`;

  // Also signed in somewhere else.
  const elsewhere = await browser.newContext({ baseURL: ADMIN_URL });
  try {
    const other = await elsewhere.newPage();
    await new LoginPage(other).goto();
    await new LoginPage(other).signIn(member);
    await expect(other.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible(); // a producer lands on the schedule

    await new LoginPage(page).goto();
    await new LoginPage(page).signIn(member);
    await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible(); // a producer lands on the schedule
    await new Masthead(page).account.click();
    const account = new AccountPage(page);
    await expect(account.heading).toBeVisible();
    await expect(account.sessions).toHaveCount(2);
    await expect(account.thisDevice).toHaveCount(1);
    await expect(account.thisDevice.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(account.thisDevice.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
    await expect(account.otherSessions.getByRole('button', { name: 'Revoke' })).toHaveCount(1);

    // Mistakes are caught: by the form (the two new passwords), by the API (the current password).
    await account.change({ current: member.password, next: newPassword, confirm: `${newPassword}x` });
    await expect(account.alert('The two new passwords are not the same')).toBeVisible();
    await account.change({ current: 'not-my-password', next: newPassword });
    await expect(account.alert('The current password is not correct')).toBeVisible();
    await expect(account.currentPassword).toBeFocused();

    await account.change({ current: member.password, next: newPassword });
    await expect(account.changed).toBeVisible();
    await expect(account.currentPassword).toHaveValue('');
    // Only this browser is still signed in.
    await expect(account.sessions).toHaveCount(1);
    await expect(account.thisDevice).toHaveCount(1);
    await page.reload();
    await expect(account.heading).toBeVisible();

    // The other browser's next navigation goes to the sign-in page.
    await new Masthead(other).account.click();
    await expect(other).toHaveURL(/\/login\?next=%2Faccount&reason=session-ended$/);
    await expect(new LoginPage(other).sessionEnded).toBeVisible();
  } finally {
    await elsewhere.close();
  }

  await new Masthead(page).signOutButton.click();
  await expect(page).toHaveURL(/\/login$/);
  const login = new LoginPage(page);
  await login.signIn(member);
  await expect(login.alert('Email or password is incorrect.')).toBeVisible();
  await login.signIn({ email: member.email, password: newPassword });
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible(); // a producer lands on the schedule
});

test('revoking another session signs that browser out', async ({ page, browser, request }) => {
  const member = await createUserViaApi(request, { roles: ['editor'], name: 'Rita Revoke' });
  const elsewhere = await browser.newContext({ baseURL: ADMIN_URL });
  try {
    const other = await elsewhere.newPage();
    await new LoginPage(other).goto();
    await new LoginPage(other).signIn(member);
    await expect(new DeskPage(other).heading).toBeVisible(); // editors land on their desk

    await new LoginPage(page).goto('/account');
    await new LoginPage(page).signIn(member);
    const account = new AccountPage(page);
    await expect(account.sessions).toHaveCount(2);
    await account.otherSessions.getByRole('button', { name: 'Revoke' }).click();
    await expect(account.sessions).toHaveCount(1);
    await expect(account.thisDevice).toHaveCount(1);

    // A client-side call in the other browser (Load more is not needed: any API call) ends there too.
    await other.getByRole('link', { name: 'New story' }).click();
    await expect(other).toHaveURL(/\/login\?next=%2Fstories%2Fnew&reason=session-ended$/);
    await expect(new LoginPage(other).sessionEnded).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});
