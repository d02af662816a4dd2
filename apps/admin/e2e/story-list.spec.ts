import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { StoriesPage } from './pages/stories-page';
import { DeskPage } from './pages/desk-page';
import { DEMO, createStoryViaApi, uniqueHeadline, uniqueTag } from './support/data';
import { createTagViaApi } from './support/desk-data';

test('the story list filters by status and search, and loads more pages', async ({ page, request }) => {
  const tag = uniqueHeadline('Budget hearing').split(' ').at(-1) ?? '';
  // One more than the list's page size (25), all matching one search.
  for (let index = 1; index <= 26; index += 1) {
    await createStoryViaApi(request, { headline: `Budget hearing ${tag} part ${index}` });
  }

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const stories = new StoriesPage(page);
  await stories.goto();
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

test('search shows highlighted snippets as text, and the list filters by tag', async ({ page, request }) => {
  const word = `harbour${uniqueTag()}`;
  const tag = await createTagViaApi(request, `Harbour works ${uniqueTag()}`);
  const body = (text: string) => ({
    type: 'doc' as const,
    content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
  });
  const tagged = await createStoryViaApi(request, {
    headline: uniqueHeadline('Dredging starts at the harbour'),
    body: body(`Crews began the ${word} dredging on Monday: AT&T <3 the port &amp; <img src=x onerror="window.__owned=1"> the town.`),
    tagIds: [tag.id],
  });
  const untagged = await createStoryViaApi(request, {
    headline: uniqueHeadline('Harbour fees rise'),
    body: body(`The ${word} fees go up in May.`),
  });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const stories = new StoriesPage(page);
  await stories.goto({ q: word });
  await expect(stories.rows(tagged.headline)).toHaveCount(1);
  await expect(stories.rows(untagged.headline)).toHaveCount(1);

  const snippet = stories.rows(tagged.headline).locator('.snippet');
  await expect(snippet.locator('mark')).toHaveText(word);
  // The snippet is text with <mark> highlights: entities and angle brackets in it stay as typed.
  await expect(snippet).toContainText('AT&T <3 the port &amp;');
  await expect(page.locator('.story-table img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

  await page.getByLabel('Tag', { exact: true }).fill(tag.name.split(' ').slice(0, 2).join(' '));
  await page.getByRole('button', { name: new RegExp(`^${tag.name}`) }).click();
  await expect(page).toHaveURL(new RegExp(`/stories\\?q=${word}&tag=${tag.id}$`));
  await expect(stories.rows(tagged.headline)).toHaveCount(1);
  await expect(stories.rows(untagged.headline)).toHaveCount(0);

  await page.getByRole('link', { name: `Clear the tag filter ${tag.name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/stories\\?q=${word}$`));
  await expect(stories.rows(untagged.headline)).toHaveCount(1);
});
