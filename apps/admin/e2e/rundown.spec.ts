import { expect, test } from '@playwright/test';
import { RundownSchema, SegmentSchema } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { DEMO, apiToken } from './support/data';
import { createStationViaApi } from './support/schedule';
import { API_URL } from './support/servers';

/**
 * The rundown editor saves through the admin's one save path (useRecordSave): field errors on the
 * item's field, "Rundown saved.", and a stale save as the conflict notice whose reload brings the
 * other producer's rundown.
 */
test('a producer times and saves a rundown, and a stale save shows the conflict and reloads the other one', async ({ page, request }) => {
  const station = await createStationViaApi(request);
  const token = await apiToken(request, DEMO.producer);
  const headers = { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' };
  const created = await request.post(`${API_URL}/api/segments`, {
    headers,
    data: {
      stationId: station.id,
      startsAt: '2030-04-16T10:00:00.000Z',
      durationSeconds: 3600,
      title: 'Rundown test hour',
      kind: 'program',
    },
  });
  expect(created.status()).toBe(201);
  const segment = SegmentSchema.parse(await created.json());

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  await expect(page).toHaveURL(/\/schedule$/);
  await page.goto(`/schedule/${station.callSign}/segments/${segment.id}`);
  await expect(page.getByRole('heading', { name: /Rundown: Rundown test hour/ })).toBeVisible();

  await page.getByRole('button', { name: 'Add item' }).click();
  await page.getByLabel('Item 1 title').fill('Top of the hour headlines');
  await page.getByLabel('Item 1 duration').fill('5:00');
  await page.getByRole('button', { name: 'Add item' }).click();
  await page.getByLabel('Item 2 title').fill('Interview');
  await page.getByLabel('Item 2 duration').fill('50:00');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.getByRole('button', { name: 'Save rundown' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rundown saved.' })).toBeVisible();

  // Another producer saves meanwhile (through the API, at the current version).
  const current = RundownSchema.parse(await (await request.get(`${API_URL}/api/segments/${segment.id}/rundown`, { headers })).json());
  const other = await request.put(`${API_URL}/api/segments/${segment.id}/rundown`, {
    headers,
    data: { version: current.version, items: [{ title: 'Breaking news special', kind: 'story', durationSeconds: 3600 }] },
  });
  expect(other.status()).toBe(200);

  await page.getByLabel('Item 2 title').fill('Interview, extended');
  await page.getByRole('button', { name: 'Save rundown' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'This rundown changed since you opened it.' });
  await expect(conflict).toBeVisible();
  page.once('dialog', (dialog) => void dialog.accept());
  await conflict.getByRole('button', { name: 'Reload the latest version' }).click();
  await expect(page.getByLabel('Item 1 title')).toHaveValue('Breaking news special');
  await expect(page.getByLabel('Item 2 title')).toHaveCount(0);
  await expect(conflict).toHaveCount(0);
});
