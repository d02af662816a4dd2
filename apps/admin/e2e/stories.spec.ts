import { expect, test } from '@playwright/test';
import { PublicStorySchema, slugify } from '@newsdesk/contracts';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoriesPage } from './pages/stories-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { API_URL } from './support/servers';

test('an editor writes a story, publishes it, and the public API serves it escaped', async ({ page, request }) => {
  const headline = uniqueHeadline('Russian President Courts Washington');
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  await expect(page).toHaveURL(/\/desk$/);
  const stories = new StoriesPage(page);
  await stories.goto();
  await expect(stories.heading).toBeVisible();
  await stories.newStory.click();

  const editor = new StoryEditorPage(page);
  await expect(page).toHaveURL(/\/stories\/new$/);
  // An empty headline is refused by the contract's schema before anything is sent.
  await editor.save();
  await expect(editor.alert('A headline is required')).toBeVisible();
  await expect(editor.headline).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.headline).toBeFocused();

  await editor.fill({
    headline,
    teaser: 'The Kremlin sees an opening with the new administration.',
    dateline: 'MOSCOW',
    credit: 'Transcript provided by Newsdesk.',
  });
  await editor.body.click();
  await page.keyboard.type('Reporting from ');
  await editor.toolbar('Bold').click();
  await page.keyboard.type('Moscow');
  await editor.toolbar('Bold').click();
  await page.keyboard.type('. <script>alert("owned")</script> <p onclick="alert(1)">Second paragraph.</p>');
  await expect(editor.alert('A headline is required')).toHaveCount(0);
  await expect(editor.slug).toHaveAttribute('placeholder', slugify(headline));
  await editor.addByline('Lucian Kim');
  await editor.save();

  await expect(page).toHaveURL(/\/stories\/[0-9a-f-]{36}$/);
  await expect(editor.status).toHaveText('Draft');
  const slug = slugify(headline);
  await expect(editor.slug).toHaveValue(slug);

  await editor.publish();
  await expect(editor.status).toHaveText('Published');
  await expect(editor.saveState).toHaveText('Published.');
  await expect(editor.publicLink).toHaveAttribute('href', `/api/public/stories/${slug}`);
  await expect(editor.publishButton).toHaveCount(0);
  await expect(editor.unpublishButton).toBeVisible();

  const response = await request.get(`${API_URL}/api/public/stories/${slug}`);
  expect(response.status()).toBe(200);
  const published = PublicStorySchema.parse(await response.json());
  expect(published.headline).toBe(headline);
  expect(published.dateline).toBe('MOSCOW');
  expect(published.bodyHtml).toContain('<strong>Moscow</strong>');
  // What was typed as text stays text: escaped, never markup.
  expect(published.bodyHtml).toContain('&lt;script&gt;');
  expect(published.bodyHtml).not.toContain('<script');
  expect(published.bodyHtml).not.toContain('<p onclick');

  // The same story through the admin's same-origin proxy, as the editor's link opens it.
  const viaProxy = await page.request.get(`/api/public/stories/${slug}`);
  expect(viaProxy.status()).toBe(200);
  expect(((await viaProxy.json()) as { headline: string }).headline).toBe(headline);
});

test('saving over a newer version shows the conflict and reloads the latest version', async ({ page, context, request }) => {
  const headline = uniqueHeadline('Ceasefire talks resume in Astana');
  const story = await createStoryViaApi(request, { headline, teaser: 'Original teaser.' });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();

  const first = new StoryEditorPage(page);
  await first.goto(story.id);
  const otherPage = await context.newPage();
  const second = new StoryEditorPage(otherPage);
  await second.goto(story.id);
  await expect(first.headline).toHaveValue(headline);
  await expect(second.headline).toHaveValue(headline);

  await first.fill({ headline: `${headline} (updated)` });
  await first.save();
  await expect(first.saveState).toHaveText(/^Saved \d\d:\d\d$/);

  await second.fill({ teaser: 'A teaser written on a stale copy.' });
  await second.save();
  await expect(second.conflict).toBeVisible();
  await expect(second.teaser).toHaveValue('A teaser written on a stale copy.');

  // The local edit is discarded only after the user confirms.
  otherPage.once('dialog', (dialog) => void dialog.accept());
  await second.reloadLatest.click();
  await expect(second.conflict).toHaveCount(0);
  await expect(second.headline).toHaveValue(`${headline} (updated)`);
  await expect(second.teaser).toHaveValue('Original teaser.');

  // Now based on the latest version, the same edit saves.
  await second.fill({ teaser: 'A teaser written on the latest copy.' });
  await second.save();
  await expect(second.saveState).toHaveText(/^Saved \d\d:\d\d$/);
});

test('a producer reads stories but cannot create, edit or publish them', async ({ page, request }) => {
  const headline = uniqueHeadline('Station schedule changes for the holidays');
  const story = await createStoryViaApi(request, { headline, teaser: 'For producers to read.' });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  const stories = new StoriesPage(page);
  // Producers land on the schedule; the stories are one click away.
  await expect(page).toHaveURL(/\/schedule$/);
  await stories.goto();
  await expect(stories.heading).toBeVisible();
  await expect(page.getByText('Producer', { exact: true })).toBeVisible();
  await expect(stories.newStory).toHaveCount(0);

  await stories.goto({ q: headline });
  await stories.storyLink(headline).click();

  const editor = new StoryEditorPage(page);
  await expect(page).toHaveURL(new RegExp(`/stories/${story.id}$`));
  await expect(editor.headline).toHaveValue(headline);
  await expect(editor.headline).toBeDisabled();
  await expect(editor.body).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);
  await expect(editor.status).toHaveText('Draft');
  await expect(page.getByRole('button', { name: /publish|schedule|submit|return/i })).toHaveCount(0);
  await expect(editor.saveButton).toHaveCount(0);
  await expect(editor.publishAt).toHaveCount(0);

  await page.goto('/stories/new');
  await expect(page.getByText('Your role can read stories but not write them.')).toBeVisible();
  await expect(editor.saveButton).toHaveCount(0);
});
