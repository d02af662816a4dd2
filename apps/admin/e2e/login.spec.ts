import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoriesPage } from './pages/stories-page';
import { DEMO } from './support/data';

test('a wrong password is refused with a clear message', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();

  await login.submit.click();
  await expect(login.alert('Enter your email address')).toBeVisible();
  await expect(login.alert('Enter your password')).toBeVisible();

  await login.signIn({ email: DEMO.editor.email, password: 'not-the-password' });
  await expect(login.alert('Email or password is incorrect.')).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);
  await expect(login.password).toHaveValue('not-the-password');
});

test('a signed-out visit goes to the sign-in page and comes back afterwards', async ({ page }) => {
  await page.goto('/stories/new');
  await expect(page).toHaveURL(/\/login\?next=%2Fstories%2Fnew$/);

  const login = new LoginPage(page);
  await login.signIn(DEMO.editor);
  await expect(page).toHaveURL(/\/stories\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'New story' })).toBeVisible();
  await expect(page.getByText('Edith Editor')).toBeVisible();

  await page.goto('/stories');
  await new StoriesPage(page).signOut();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/stories');
  await expect(page).toHaveURL(/\/login/);
});
