import { expect, test } from '@playwright/test';
import { PublicStorySchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { pngPortrait } from './support/images';
import { API_URL } from './support/servers';

test('an editor uploads a lead photo in the story editor, gives it alt text, a credit and a caption, publishes, and the public story JSON carries the image with its renditions', async ({
  page,
  request,
}) => {
  // The API's worker renders the demo photos when it starts: an upload made meanwhile waits behind at most one of them.
  test.setTimeout(150_000);
  const headline = uniqueHeadline('Harbour fog delays the ferries');
  const story = await createStoryViaApi(request, { headline, teaser: 'Fog.' });
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new Masthead(page).sections).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);

  const field = page.getByTestId('lead-image-field');
  await expect(field.getByText('No lead photo.')).toBeVisible();
  await field.locator('input[type="file"]').setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: pngPortrait(960, 540) });
  await expect(field.getByTestId('renditions-state')).toHaveText(/^Renditions ready: \d+ files\.$/, { timeout: 90_000 });
  await field.getByLabel('Alt text').fill('Ferries moored in thick fog');
  await field.getByLabel('Photo credit').fill('Jane Doe/Newsdesk');
  await field.getByLabel('Caption').fill('The morning ferries stayed in port.');
  await field.getByRole('button', { name: 'Save photo details' }).click();
  await expect(field.getByRole('status')).toHaveText('Photo details saved.');

  // The story's save (the editor autosaves a change like this one; Save does it at once otherwise) sends leadImageId.
  await editor.save();
  await expect.poll(async () => (await getStoryViaApi(request, story.id)).leadImageId, { timeout: 30_000 }).not.toBeNull();
  await editor.publish();
  await expect(editor.status).toHaveText('Published');

  const response = await request.get(`${API_URL}/api/public/stories/${story.slug}`);
  expect(response.status()).toBe(200);
  const image = PublicStorySchema.parse(await response.json()).image!;
  expect(image).toMatchObject({
    alt: 'Ferries moored in thick fog',
    credit: 'Jane Doe/Newsdesk',
    caption: 'The morning ferries stayed in port.',
    width: 960,
    height: 540,
  });
  expect(image.srcset.wide!.jpeg).toContain('/api/public/images/');
  const file = await request.get(`${API_URL}${image.srcset.square!.src}`);
  expect(file.status()).toBe(200);
});
