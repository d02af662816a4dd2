import { expect, test } from '@playwright/test';
import { ProgramSchema, RundownSchema, SegmentSchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { DEMO, apiToken, createUserViaApi, uniqueTag } from './support/data';
import { createBlockTomorrowViaApi, createStationViaApi } from './support/schedule';
import { API_URL } from './support/servers';

/**
 * Producers on air (issue 20): a producer builds an hour clock, starts tomorrow's block from it,
 * writes a script, lands on the live view of a block starting a minute ahead, takes three items by
 * keyboard and sees the as-run log; a second browser sees the takes.
 */
test('a producer builds a clock, scripts a block, and runs a live block by keyboard while a second producer watches', async ({
  page,
  browser,
  request,
}) => {
  // Many steps in two browsers: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const producer = await createUserViaApi(request, { roles: ['producer'], name: 'On-air Producer' });
  const token = await apiToken(request, { email: producer.email, password: producer.password });
  const headers = { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
  const station = await createStationViaApi(request);
  const program = ProgramSchema.parse(
    await (
      await request.post(`${API_URL}/api/programs`, { headers, data: { name: `Afternoon Show ${uniqueTag()}`, wordsPerMinute: 150 } })
    ).json(),
  );

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn({ email: producer.email, password: producer.password });
  await expect(page).toHaveURL(/\/schedule$/);

  // 1. The hour clock: a hard post at the top, a news hole, the legal ID at :59:50.
  await page.goto('/schedule/programs');
  await page.getByRole('link', { name: `${program.name} hour clock` }).click();
  await expect(page.getByRole('heading', { name: `Hour clock: ${program.name}` })).toBeVisible();
  const rows: Array<[string, string, string, string]> = [
    ['Network newscast', 'hard_post', '5:00', '00:00'],
    ['Local news hole', 'news_hole', '4:00', ''],
    ['Legal ID', 'legal_id', '0:10', '59:50'],
  ];
  for (const [i, [title, kind, duration, post]] of rows.entries()) {
    await page.getByRole('button', { name: 'Add clock item' }).click();
    await page.getByLabel(`Clock item ${i + 1} title`).fill(title);
    await page.getByLabel(`Clock item ${i + 1} kind`).selectOption(kind);
    await page.getByLabel(`Clock item ${i + 1} duration`).fill(duration);
    await page.getByLabel(`Clock item ${i + 1} post`).fill(post);
  }
  await page.getByRole('button', { name: 'Save clock' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Clock saved.' })).toBeVisible();

  // 2. Tomorrow's block starts from the clock.
  const block = await createBlockTomorrowViaApi(request, headers, station, '15:00', {
    durationSeconds: 3600,
    title: 'Tomorrow 3 pm',
    programId: program.id,
  });
  await page.goto(`/schedule/${station.callSign}/segments/${block.id}`);
  await page.getByRole('button', { name: "Start from the program's clock" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rundown started from the clock.' })).toBeVisible();
  await expect(page.getByLabel('Item 1 title')).toHaveValue('Network newscast');
  await expect(page.getByLabel('Item 3 title')).toHaveValue('Legal ID');

  // 3. A script for the news hole, with its reading time beside the duration (30 words at 150 wpm: 0:12).
  await page.getByRole('button', { name: 'Script 2' }).click();
  const editor = page.locator('#script-2');
  await editor.click();
  await page.keyboard.type(Array.from({ length: 30 }, (_, i) => `word${i}`).join(' '));
  await expect(page.getByTestId('reading-2')).toHaveText('read 0:12');
  await page.getByRole('button', { name: 'Save rundown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rundown saved.' })).toBeVisible();
  const saved = RundownSchema.parse(await (await request.get(`${API_URL}/api/segments/${block.id}/rundown`, { headers })).json());
  expect(saved.items[1]!.readingSeconds).toBe(12);
  expect(saved.items[1]!.scriptHtml).toContain('word29');

  // 4. A block starting a minute from now, with four items, saved by this producer: signing in lands on its live view.
  const startsAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toISOString();
  const live = SegmentSchema.parse(
    await (
      await request.post(`${API_URL}/api/segments`, {
        headers,
        data: { stationId: station.id, startsAt, durationSeconds: 1800, title: 'Live hour', kind: 'program', programId: program.id },
      })
    ).json(),
  );
  const items = ['Billboard', 'Interview', 'Break', 'Kicker'];
  const put = await request.put(`${API_URL}/api/segments/${live.id}/rundown`, {
    headers,
    data: { version: 1, items: items.map((title) => ({ title, kind: 'other', durationSeconds: 120 })) },
  });
  expect(put.status()).toBe(200);
  await page.goto('/');
  await expect(page).toHaveURL(new RegExp(`/segments/${live.id}/live$`));
  await expect(page.getByRole('heading', { name: /Live: Live hour/ })).toBeVisible();
  await expect(page.getByTestId('live-connection')).toHaveText('Live updates on');

  // 5. A second producer watches the same block in another browser.
  const other = await browser.newContext();
  const watcher = await other.newPage();
  await new LoginPage(watcher).goto(`/schedule/${station.callSign}/segments/${live.id}/live`);
  await new LoginPage(watcher).signIn(DEMO.producer);
  await expect(watcher.getByRole('heading', { name: /Live: Live hour/ })).toBeVisible();
  await expect(watcher.getByTestId('live-connection')).toHaveText('Live updates on');

  // 6. Three takes by keyboard (Space, Enter, Space), each recorded once.
  for (const [n, key] of [
    [1, 'Space'],
    [2, 'Enter'],
    [3, 'Space'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByTestId('live-seq')).toHaveText(`Takes: ${n}`);
    await expect(page.getByTestId('live-current')).toHaveText(items[n - 1]!);
  }
  await expect(watcher.getByTestId('live-current')).toHaveText('Break');
  await expect(watcher.getByTestId('live-seq')).toHaveText('Takes: 3');

  // 7. The as-run log: three takes, in order, with their planned and actual times.
  const asRun = page.getByTestId('as-run');
  await expect(asRun.locator('tbody tr')).toHaveCount(3);
  await expect(asRun.locator('tbody tr').nth(0)).toContainText('Billboard');
  await expect(asRun.locator('tbody tr').nth(2)).toContainText('Break');
  await expect(watcher.getByTestId('as-run').locator('tbody tr')).toHaveCount(3);

  // The block ends (so this producer's next sign-in lands on the schedule again).
  await page.getByRole('button', { name: 'End block' }).click();
  await expect(page.getByTestId('live-current')).toHaveText('Block ended');
  await expect(watcher.getByTestId('live-current')).toHaveText('Block ended');
  await other.close();
});
