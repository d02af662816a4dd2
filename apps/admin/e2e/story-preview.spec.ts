import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { API_URL } from './support/servers';

test('an editor previews a draft from the editor: a reader page in a new tab, "not public", while the public API still 404s', async ({
  page,
  request,
}) => {
  const headline = uniqueHeadline('Council weighs new bus routes');
  const paragraph = 'The council will vote on three new routes next month.';
  const story = await createStoryViaApi(request, {
    headline,
    teaser: 'Three routes, one vote.',
    dateline: 'SPRINGFIELD',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: paragraph }] }] },
  });
  expect(story.status).toBe('draft');

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(editor.status).toHaveText('Draft');

  const [preview] = await Promise.all([
    page.context().waitForEvent('page'),
    editor.publishing.getByRole('link', { name: 'Preview' }).click(),
  ]);
  await preview.waitForLoadState();
  expect(new URL(preview.url()).pathname).toBe(`/stories/${story.id}/preview`);
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(preview.getByRole('status')).toContainText('Preview — not public');
  await expect(preview.getByRole('status')).toContainText('Draft');
  await expect(preview.getByText(paragraph)).toBeVisible();
  await expect(preview.getByText('SPRINGFIELD')).toBeVisible();
  await expect(preview.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);

  const publicAnswer = await request.get(`${API_URL}/api/public/stories/${story.slug}`);
  expect(publicAnswer.status()).toBe(404);
});
