import { expect, test, type Page } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { createStoryViaApi, createUserViaApi, uniqueHeadline } from './support/data';

/** Every dialog a page opened: any script a note's markup managed to run would open one (alert). */
const dialogs: string[] = [];
function recordDialogs(page: Page) {
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

test("a note with an @mention appears on the mentioned editor's desk; they follow it to the story and resolve it", async ({
  browser,
  request,
}) => {
  const writer = await createUserViaApi(request, { roles: ['editor'], name: 'Nora Writer' });
  const reader = await createUserViaApi(request, { roles: ['editor'], name: 'Quentin Reader' });
  const headline = uniqueHeadline('Bridge repairs run over budget');
  const paragraph = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });
  const story = await createStoryViaApi(request, {
    headline,
    body: { type: 'doc', content: [paragraph('The city opened the bridge in 1961.'), paragraph('Repairs will cost $40 million.')] },
  });
  const markup = '<script>alert(1)</script><img src=x onerror=alert(2)>';

  // Editor A writes the note, mentioning B through the @ autocomplete, anchored to the second paragraph.
  const writing = await browser.newContext();
  const a = await writing.newPage();
  recordDialogs(a);
  await new LoginPage(a).goto();
  await new LoginPage(a).signIn(writer);
  await expect(new DeskPage(a).heading).toBeVisible();
  await new StoryEditorPage(a).goto(story.id);
  const notesA = a.getByRole('region', { name: /^Notes/ });
  await expect(notesA.getByText('No open notes.')).toBeVisible();
  const text = notesA.getByLabel('Add a note');
  await text.pressSequentially('Please check the figure, @Quentin Rea');
  await notesA.getByRole('option', { name: reader.name }).click();
  await expect(text).toHaveValue(`Please check the figure, @${reader.name} `);
  await text.pressSequentially(`thanks ${markup}`);
  await notesA.getByLabel('Points at').selectOption({ label: 'Paragraph 2: Repairs will cost $40 million.' });
  await notesA.getByRole('button', { name: 'Add note' }).click();
  const written = notesA.getByRole('listitem').filter({ hasText: 'Please check the figure' });
  await expect(written).toContainText(`@${reader.name} thanks ${markup}`);
  await expect(written).toContainText('on Paragraph 2: Repairs will cost $40 million.');
  await expect(written).toContainText(`Mentions: ${reader.name}`);
  await expect(notesA.getByRole('heading', { name: /^Notes/ })).toContainText('1');
  // The markup is text: no element was made from it.
  await expect(notesA.locator('img, script')).toHaveCount(0);
  await writing.close();

  // Editor B sees it on the desk's Mentions list, unread, and follows it to the story.
  const reading = await browser.newContext();
  const b = await reading.newPage();
  recordDialogs(b);
  await new LoginPage(b).goto();
  await new LoginPage(b).signIn(reader);
  const desk = new DeskPage(b);
  await expect(desk.heading).toBeVisible();
  const mentions = b.getByRole('region', { name: /^Mentions/ });
  const mention = mentions.getByRole('listitem').filter({ hasText: headline });
  await expect(mention).toContainText('Unread');
  await expect(mention).toContainText(writer.name);
  await expect(mention).toContainText(markup);
  await expect(mentions.locator('img, script')).toHaveCount(0);
  await mention.getByRole('link', { name: headline }).click();
  await expect(b).toHaveURL(new RegExp(`/stories/${story.id}\\?note=`));

  const notesB = b.getByRole('region', { name: /^Notes/ });
  const note = notesB.getByRole('listitem').filter({ hasText: 'Please check the figure' });
  await expect(note).toHaveClass(/note-highlighted/);
  // Not B's note: no Edit or Delete, but Resolve.
  await expect(note.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(note.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await note.getByRole('button', { name: 'Resolve' }).click();
  await expect(notesB.getByText('No open notes.')).toBeVisible();
  await notesB.getByRole('button', { name: 'Resolved', exact: true }).click();
  await expect(notesB.getByRole('listitem').filter({ hasText: 'Please check the figure' })).toContainText(`Resolved by ${reader.name}`);

  // Back on the desk, the mention is read (following it marked it).
  await desk.goto();
  const after = b
    .getByRole('region', { name: /^Mentions/ })
    .getByRole('listitem')
    .filter({ hasText: headline });
  await expect(after).toBeVisible();
  await expect(after).not.toContainText('Unread');
  await reading.close();
  expect(dialogs).toEqual([]);
});
