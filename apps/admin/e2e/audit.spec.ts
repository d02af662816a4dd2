import { expect, test } from '@playwright/test';
import { StorySchema } from '@newsdesk/contracts';
import { AuditPage } from './pages/audit-page';
import { DeskPage } from './pages/desk-page';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { StoryEditorPage } from './pages/story-editor-page';
import { DEMO, apiToken, createStoryViaApi, createUserViaApi, uniqueHeadline, updateStoryViaApi, updateUserViaApi } from './support/data';
import { API_URL } from './support/servers';

// Far from UTC, so a From time taken as UTC instead of local time would hide the entry.
test.use({ timezoneId: 'Asia/Kolkata' });

test('an admin finds a story edit in the audit log, with its diff', async ({ page, request }) => {
  const headline = uniqueHeadline('Harbour bridge reopens');
  const story = await createStoryViaApi(request, { headline, teaser: 'Short teaser.', bodyHtml: '<p>Closed for repairs.</p>' });
  const newHeadline = `${headline} after repairs`;
  const sentence = 'The bridge reopened this morning after eight months of repairs. ';
  await updateStoryViaApi(request, story.id, { version: story.version, headline: newHeadline, bodyHtml: `<p>${sentence.repeat(4)}</p>` });

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.admin);
  await expect(new DeskPage(page).heading).toBeVisible();
  await new Masthead(page).section('Audit').click();
  const audit = new AuditPage(page);
  await expect(audit.heading).toBeVisible();

  await audit.recordType.selectOption({ label: 'Story' });
  await audit.action.selectOption('update');
  // An hour ago in the browser's own time zone, as the datetime-local input takes it.
  const { local, iso } = await page.evaluate(() => {
    const date = new Date(Date.now() - 3_600_000);
    const pad = (value: number) => String(value).padStart(2, '0');
    const text = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
    return { local: text, iso: new Date(text).toISOString() };
  });
  await audit.from.fill(local);
  await audit.apply.click();
  await expect(page).toHaveURL(`/audit?entity=story&action=update&from=${encodeURIComponent(iso)}`);

  const row = audit.rows(newHeadline);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Edited');
  await expect(row.getByRole('link', { name: DEMO.editor.email })).toBeVisible();

  // Per field: before -> after; the long body folded away until asked for.
  const headlineChange = row.locator('.diff-row').filter({ hasText: 'Headline' });
  await expect(headlineChange).toContainText(`${headline} → ${newHeadline}`);
  const bodyChange = row.locator('.diff-row').filter({ hasText: 'Body' });
  const after = bodyChange.locator('.diff-after');
  await expect(after).toBeHidden();
  await bodyChange.getByText(/^Show before and after/).click();
  await expect(after).toBeVisible();
  await expect(after).toContainText(sentence.trim());
  await expect(bodyChange.locator('.diff-before')).toContainText('Closed for repairs.');
  await expect(row.locator('.diff-row').filter({ hasText: 'Teaser' })).toHaveCount(0);

  // The record links to the story.
  await row.getByRole('link', { name: `${story.id.slice(0, 8)}…` }).click();
  await expect(page).toHaveURL(`/stories/${story.id}`);
  await expect(new StoryEditorPage(page).headline).toHaveValue(newHeadline);
});

test('the audit log filters by who did it and by record, and shows role changes as lists', async ({ page, request }) => {
  const member = await createUserViaApi(request, { roles: ['producer'], name: 'Rolf Roles' });
  await updateUserViaApi(request, member.id, { roles: ['editor', 'producer'] });

  await new LoginPage(page).goto('/audit');
  await new LoginPage(page).signIn(DEMO.admin);
  const audit = new AuditPage(page);
  await expect(audit.heading).toBeVisible();

  // An actor that does not exist is refused before searching.
  await audit.actor.fill('nobody-here@newsdesk.test');
  await audit.apply.click();
  await expect(page.getByRole('alert').filter({ hasText: 'No user has this email' })).toBeVisible();

  // Picked by email; the URL carries the user's id, and the field shows the email again.
  await audit.actor.fill(DEMO.admin.email);
  await audit.recordId.fill(member.id);
  await audit.apply.click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?entityId=${member.id}&actor=[0-9a-f-]{36}$`));
  await expect(audit.actor).toHaveValue(DEMO.admin.email);

  const created = audit.rows('Created');
  const roleChange = audit.rows('Roles changed');
  await expect(created).toHaveCount(1);
  await expect(roleChange).toHaveCount(1);
  await expect(created).toContainText(member.email);
  await expect(roleChange.getByRole('link', { name: `${member.id.slice(0, 8)}…` })).toHaveAttribute('href', `/users/${member.id}`);
  // Roles before and after, each as a list.
  const lists = roleChange.locator('.diff-row').filter({ hasText: 'Roles' }).locator('ul');
  await expect(lists).toHaveCount(2);
  await expect(lists.nth(0).getByRole('listitem')).toHaveText(['Producer']);
  await expect(lists.nth(1).getByRole('listitem')).toHaveText(['Editor', 'Producer']);

  // Sign-ins are recorded against sessions, not this user record.
  await audit.action.selectOption('login');
  await audit.apply.click();
  await expect(page.getByText('No entries match these filters.')).toBeVisible();
});

test('the audit log pages with Load more, keeping its filters', async ({ page, request }) => {
  // 26 entries for one story: created, then edited 25 times (the page holds 25).
  let story = await createStoryViaApi(request, { headline: uniqueHeadline('Tide tables') });
  const token = await apiToken(request, DEMO.editor);
  for (let edit = 1; edit <= 25; edit += 1) {
    const response = await request.patch(`${API_URL}/api/stories/${story.id}`, {
      data: { version: story.version, teaser: `Revision ${edit}` },
      headers: { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' },
    });
    expect(response.ok()).toBe(true);
    story = StorySchema.parse(await response.json());
  }

  await new LoginPage(page).goto(`/audit?entity=story&entityId=${story.id}`);
  await new LoginPage(page).signIn(DEMO.admin);
  const audit = new AuditPage(page);
  await expect(audit.recordId).toHaveValue(story.id);
  const rows = audit.rows(story.id.slice(0, 8));
  await expect(rows).toHaveCount(25);
  // Newest first.
  await expect(rows.first()).toContainText('Revision 24 → Revision 25');
  await audit.loadMore.click();
  await expect(rows).toHaveCount(26);
  await expect(rows.last()).toContainText('Created');
  await expect(audit.loadMore).toHaveCount(0);
});
