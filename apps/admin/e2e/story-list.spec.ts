import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoriesPage } from './pages/stories-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';

test('the story list filters by status and search, and loads more pages', async ({ page, request }) => {
  const tag = uniqueHeadline('Budget hearing').split(' ').at(-1) ?? '';
  // One more than the list's page size (25), all matching one search.
  for (let index = 1; index <= 26; index += 1) {
    await createStoryViaApi(request, { headline: `Budget hearing ${tag} part ${index}` });
  }

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  const stories = new StoriesPage(page);
  await expect(stories.heading).toBeVisible();

  await stories.search.fill(tag);
  await stories.search.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/stories\\?q=${tag}$`));
  const rows = stories.rows(tag);
  await expect(rows).toHaveCount(25);
  await stories.loadMore.click();
  await expect(rows).toHaveCount(26);
  await expect(stories.loadMore).toHaveCount(0);

  await stories.filterByStatus('Published');
  await expect(page).toHaveURL(new RegExp(`/stories\\?status=published&q=${tag}$`));
  await expect(page.getByText('No stories match this filter.')).toBeVisible();

  await stories.filterByStatus('Draft');
  await expect(rows).toHaveCount(25);
  await expect(rows.first().getByText('Draft', { exact: true })).toBeVisible();
});
