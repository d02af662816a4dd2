import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, createStoryViaApi, uniqueHeadline, updateStoryViaApi } from './support/data';
import { ADMIN_URL } from './support/servers';

test('an editor shares a draft: a guest with no session opens the link and reads the story; once revoked, the link is no longer valid', async ({
  page,
  browser,
  request,
}) => {
  const headline = uniqueHeadline('Harbour plan shared with partners');
  const paragraph = 'The harbour plan goes to the partner stations first.';
  const story = await createStoryViaApi(request, {
    headline,
    teaser: 'For partner stations.',
    dateline: 'PORTSMOUTH',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: paragraph }] }] },
  });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(editor.status).toHaveText('Draft');

  const share = page.getByRole('region', { name: 'Share' });
  await expect(share.getByText('No share links.')).toBeVisible();
  await share.getByLabel('Link works for').selectOption({ label: '7 days' });
  await share.getByLabel('For (optional)').fill('Partner station WXYZ');
  await share.getByRole('button', { name: 'Create link' }).click();
  const address = share.getByLabel('Share link address');
  await expect(address).toBeVisible();
  const url = await address.inputValue();
  expect(url).toMatch(new RegExp(`^${ADMIN_URL}/shared/[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}$`));
  const links = share.getByRole('list', { name: 'Share links' });
  await expect(links.getByRole('listitem')).toHaveCount(1);
  await expect(links).toContainText('Partner station WXYZ');
  await expect(links).toContainText('Active');
  await expect(links).toContainText('Never opened.');

  // A guest: a fresh browser context, no cookies, no session.
  const guestContext = await browser.newContext();
  try {
    const guest = await guestContext.newPage();
    const opened = await guest.goto(url);
    expect(opened?.status()).toBe(200);
    expect(new URL(guest.url()).pathname).toBe(new URL(url).pathname);
    await expect(guest.getByRole('heading', { level: 1 })).toHaveText(headline);
    await expect(guest.getByText(paragraph)).toBeVisible();
    await expect(guest.getByText('PORTSMOUTH')).toBeVisible();
    await expect(guest.getByText('Shared preview')).toBeVisible();
    await expect(guest.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    expect(await guestContext.cookies()).toEqual([]);

    // The editor sees the use, then revokes the link.
    await page.reload();
    await expect(links).toContainText('Last used');
    await expect(links).toContainText('(1 view)');
    page.once('dialog', (dialog) => void dialog.accept());
    await links.getByRole('button', { name: 'Revoke' }).click();
    await expect(links).toContainText('Revoked');
    await expect(links.getByRole('button', { name: 'Revoke' })).toHaveCount(0);

    const reloaded = await guest.reload();
    expect(reloaded?.status()).toBe(404);
    await expect(guest.getByRole('heading', { level: 1 })).toHaveText('This link is no longer valid');
    await expect(guest.getByText(headline)).toHaveCount(0);
  } finally {
    await guestContext.close();
  }
});

test('an editor previews an older revision from History: the story as restoring it would make it, and the story stays as it is', async ({
  page,
  request,
}) => {
  const first = uniqueHeadline('Ferry timetable, first draft');
  const story = await createStoryViaApi(request, { headline: first });
  const second = `${first} (rewritten)`;
  const updated = await updateStoryViaApi(request, story.id, { version: story.version, headline: second });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(new DeskPage(page).heading).toBeVisible();
  const editor = new StoryEditorPage(page);
  await editor.goto(story.id);
  await expect(editor.headline).toHaveValue(second);

  const [preview] = await Promise.all([
    page.context().waitForEvent('page'),
    editor.history.getByRole('link', { name: 'Preview revision 1', exact: true }).click(),
  ]);
  await preview.waitForLoadState();
  expect(new URL(preview.url()).search).toBe('?revision=1');
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(first);
  await expect(preview.getByRole('status')).toContainText('Showing revision #1');
  await expect(preview.getByRole('status')).toContainText(`Version ${updated.version}.`);

  // Nothing was saved: the editor, reloaded, still has the second headline at the same version.
  await page.reload();
  await expect(editor.headline).toHaveValue(second);
  await expect(editor.history.getByRole('button', { name: 'Restore revision 1', exact: true })).toBeVisible();
  await expect(editor.history.getByRole('listitem')).toHaveCount(2);
});
