import { expect, test } from '@playwright/test';
import { PersonSchema, RundownSchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { DEMO, apiToken, createStoryViaApi, createUserViaApi, uniqueHeadline, uniqueTag } from './support/data';
import { publishStoryViaApi } from './support/desk-data';
import { createBlockTomorrowViaApi, createStationViaApi } from './support/schedule';
import { API_URL } from './support/servers';

/**
 * The rundown editor by keyboard (issue 20 item 6): Alt+↓/↑ move an item with the focus, Alt+Enter
 * adds one below, Alt+S opens its script and back; a reader with their own pace re-times the item
 * (issue 20 item 1); a take of a story-linked item shows in the story editor's "On air" panel.
 */
test('a producer reorders, adds and scripts items by keyboard, picks a reader with their own pace, and the story shows where it aired', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const admin = { authorization: `Bearer ${await apiToken(request, DEMO.admin)}`, 'x-newsdesk-csrf': '1' };
  // A staff host (a person with a correspondent profile) who reads at 120 words per minute.
  const hostName = `Host ${uniqueTag()}`;
  const person = PersonSchema.parse(
    await (await request.post(`${API_URL}/api/people`, { headers: admin, data: { displayName: hostName, wordsPerMinute: 120 } })).json(),
  );
  const profile = await request.post(`${API_URL}/api/correspondents`, { headers: admin, data: { name: hostName, personId: person.id } });
  expect(profile.status()).toBe(201);
  const story = await publishStoryViaApi(request, await createStoryViaApi(request, { headline: uniqueHeadline('Aired story') }));

  const producer = await createUserViaApi(request, { roles: ['producer'], name: 'Keyboard Producer' });
  const headers = {
    authorization: `Bearer ${await apiToken(request, { email: producer.email, password: producer.password })}`,
    'x-newsdesk-csrf': '1',
  };
  const station = await createStationViaApi(request);
  const block = await createBlockTomorrowViaApi(request, headers, station, '07:00', { durationSeconds: 3600, title: 'Morning block' });
  const put = await request.put(`${API_URL}/api/segments/${block.id}/rundown`, {
    headers,
    data: {
      version: 1,
      items: [
        { title: 'Alpha', kind: 'other', durationSeconds: 120 },
        { title: 'Bravo', kind: 'story', durationSeconds: 240, storyId: story.id },
      ],
    },
  });
  expect(put.status()).toBe(200);

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn({ email: producer.email, password: producer.password });
  await expect(page).toHaveURL(/\/schedule$/);
  await page.goto(`/schedule/${station.callSign}/segments/${block.id}`);
  await expect(page.getByText('Alt+↑ / Alt+↓ move an item')).toBeVisible();

  // Alt+↓ moves Alpha below Bravo, the focus going with it; Alt+↑ brings it back.
  await page.getByLabel('Item 1 title').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByLabel('Item 1 title')).toHaveValue('Bravo');
  await expect(page.getByLabel('Item 2 title')).toHaveValue('Alpha');
  await expect(page.getByLabel('Item 2 title')).toBeFocused();
  await page.getByLabel('Item 2 kind').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByLabel('Item 1 title')).toHaveValue('Alpha');
  await expect(page.getByLabel('Item 1 kind')).toBeFocused();

  // Alt+Enter adds an item below the one in focus, its title focused.
  await page.keyboard.press('Alt+Enter');
  await expect(page.getByLabel('Item 2 title')).toBeFocused();
  await page.keyboard.type('Charlie');
  await expect(page.getByLabel('Item 3 title')).toHaveValue('Bravo');

  // Alt+S opens its script, focused: 60 words at the default 160 wpm read in 0:23.
  await page.keyboard.press('Alt+s');
  await expect(page.locator('#script-2')).toBeFocused();
  await page.keyboard.type(Array.from({ length: 60 }, (_, i) => `word${i}`).join(' '));
  await expect(page.getByTestId('reading-2')).toHaveText('read 0:23');
  // Alt+S in the script closes it, back on the title.
  await page.keyboard.press('Alt+s');
  await expect(page.locator('#script-2')).toHaveCount(0);
  await expect(page.getByLabel('Item 2 title')).toBeFocused();

  // The host reads it at 120 wpm: 0:30.
  await page.getByLabel('Item 2 reader').selectOption({ label: `Read by ${hostName} (120 wpm)` });
  await expect(page.getByTestId('reading-2')).toHaveText('read 0:30');
  await page.getByRole('button', { name: 'Save rundown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rundown saved.' })).toBeVisible();
  const saved = RundownSchema.parse(await (await request.get(`${API_URL}/api/segments/${block.id}/rundown`, { headers })).json());
  expect(saved.items.map((item) => item.title)).toEqual(['Alpha', 'Charlie', 'Bravo']);
  expect(saved.items[1]).toMatchObject({ readerId: person.id, wordsPerMinute: 120, readingSeconds: 30 });

  // A take of the story-linked item: the story editor lists the airing in station time.
  const bravo = saved.items[2]!;
  const take = await request.post(`${API_URL}/api/segments/${block.id}/rundown/take`, {
    headers,
    data: { expectedSeq: 0, itemId: bravo.id },
  });
  expect(take.status()).toBe(200);
  await page.goto(`/stories/${story.id}`);
  const panel = page.getByRole('region', { name: 'On air', exact: true });
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('listitem')).toContainText(
    new RegExp(`^Aired on ${station.callSign}, \\d{1,2}:\\d{2} [AP]M E[SD]T \\(\\d{4}-\\d{2}-\\d{2}\\)$`),
  );
});
