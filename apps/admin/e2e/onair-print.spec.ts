import { expect, test } from '@playwright/test';
import { RundownSchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { apiToken, createUserViaApi } from './support/data';
import { createBlockTomorrowViaApi, createStationViaApi } from './support/schedule';
import { API_URL } from './support/servers';

/**
 * Print and prompter (issue 20 item 5): the printout is one page per station-time hour with the
 * scripts in full (the print stylesheet, checked under print media and in a printed PDF); the
 * prompter shows the scripts in rundown order in large type, scrolls by Space, and can be mirrored.
 */
const words = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(' ');
const doc = (...paragraphs: string[]) => ({
  type: 'doc',
  content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

test('the printout has one page per hour with full scripts; the prompter shows the scripts in order, large, mirrored on demand', async ({
  page,
  request,
}) => {
  const producer = await createUserViaApi(request, { roles: ['producer'], name: 'Print Producer' });
  const token = await apiToken(request, { email: producer.email, password: producer.password });
  const headers = { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
  const station = await createStationViaApi(request);
  // Tomorrow 2-4 pm in Washington: two station-time hours.
  const block = await createBlockTomorrowViaApi(request, headers, station, '14:00', { durationSeconds: 7200, title: 'Two-hour block' });
  const longScript = words('open', 120);
  const put = await request.put(`${API_URL}/api/segments/${block.id}/rundown`, {
    headers,
    data: {
      version: 1,
      items: [
        { title: 'First hour open', kind: 'other', durationSeconds: 1800, script: doc('Good afternoon.', longScript) },
        { title: 'Interview', kind: 'interview', durationSeconds: 1800, script: doc('Joining us now from Moscow.') },
        { title: 'Second hour open', kind: 'other', durationSeconds: 1800, script: doc("It's three o'clock.") },
        { title: 'Newscast', kind: 'newscast', durationSeconds: 1800 },
      ],
    },
  });
  expect(put.status()).toBe(200);
  const rundown = RundownSchema.parse(await put.json());
  const zone = rundown.timezone;
  const abbreviation = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(new Date(rundown.segment.startsAt))
    .find((part) => part.type === 'timeZoneName')!.value;

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn({ email: producer.email, password: producer.password });
  await expect(page).toHaveURL(/\/schedule$/);

  // The printout: one section per station-time hour, times in station time, every script in full.
  const base = `/schedule/${station.callSign}/segments/${block.id}`;
  await page.goto(`${base}/print`);
  const hours = page.locator('.print-hour');
  await expect(hours).toHaveCount(2);
  await expect(hours.nth(0).getByRole('heading', { level: 2 })).toHaveText(`14:00 ${abbreviation} hour`);
  await expect(hours.nth(1).getByRole('heading', { level: 2 })).toHaveText(`15:00 ${abbreviation} hour`);
  await expect(hours.nth(0).locator('.print-item-head').first()).toContainText('14:00:00');
  await expect(hours.nth(0).locator('.print-script').first()).toContainText(longScript);
  await expect(hours.nth(0)).toContainText('Joining us now from Moscow.');
  await expect(hours.nth(1)).toContainText("It's three o'clock.");
  await expect(hours.nth(1)).toContainText('Newscast');

  // Print media: the masthead and the screen hint are hidden, and every hour after the first starts a page.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.masthead')).toBeHidden();
  await expect(page.locator('.print-head .no-print')).toBeHidden();
  const breaks = await hours.evaluateAll((sections) => sections.map((section) => getComputedStyle(section).breakBefore));
  expect(breaks).toEqual(['auto', 'page']);
  // Printed for real: both hours would fit on one Letter page; the break makes it two.
  const pdf = await page.pdf({ format: 'Letter' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  expect(pages).toBe(2);
  await page.emulateMedia({ media: 'screen' });

  // The prompter: the scripted items in rundown order (the newscast has no script), in large type.
  await page.goto(`${base}/prompter`);
  const prompter = page.getByTestId('prompter');
  await expect(prompter.locator('.prompter-cue')).toHaveText(['▶ First hour open', '▶ Interview', '▶ Second hour open']);
  await expect(prompter).toContainText(longScript);
  const fontSize = await prompter.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  expect(fontSize).toBeGreaterThanOrEqual(48);
  // Mirrored: a horizontal flip, and back.
  expect(await prompter.evaluate((element) => getComputedStyle(element).transform)).toBe('none');
  await page.getByLabel('Mirrored').check();
  await expect(prompter).toHaveClass(/prompter-mirrored/);
  expect(await prompter.evaluate((element) => getComputedStyle(element).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
  await page.getByLabel('Mirrored').uncheck();
  expect(await prompter.evaluate((element) => getComputedStyle(element).transform)).toBe('none');
  // Space starts the scroll and stops it.
  await prompter.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause (Space)' })).toBeVisible();
  await expect.poll(() => prompter.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Scroll (Space)' })).toBeVisible();
});
