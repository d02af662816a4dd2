import { expect, test } from '@playwright/test';
import { PublicNowNextSchema, addDays, parseZonedTime, startOfLocalDay } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { ScheduleDayPage } from './pages/schedule-day-page';
import { DEMO, uniqueHeadline } from './support/data';
import { createStationViaApi } from './support/schedule';
import { API_URL } from './support/servers';

const DAY = '2030-04-15';

/** The instant of a wall-clock time at the station. */
function instant(local: string, timeZone: string): string {
  const result = parseZonedTime(local, timeZone);
  if (!result.ok) throw new Error(result.message);
  return new Date(result.instant).toISOString();
}

test('a producer adds two segments, is refused an overlapping third, and the public Now / Next Up has the pair', async ({
  page,
  request,
}) => {
  const station = await createStationViaApi(request);
  const morning = uniqueHeadline('Morning Edition');
  const newscast = uniqueHeadline('Midday newscast');

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  // Producers land on the schedule.
  await expect(page).toHaveURL(/\/schedule$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Schedule' })).toBeVisible();

  const day = new ScheduleDayPage(page);
  await day.goto(station.callSign, DAY);
  await expect(page.getByRole('heading', { name: /Monday,? 15 April 2030/ })).toBeVisible();
  await expect(page.getByText('times in America/New_York')).toBeVisible();

  await day.addSegment.click();
  await expect(day.dialog).toBeVisible();
  await day.fill({ title: morning, startTime: '05:00', duration: '2:00:00' });
  await expect(day.dialog.getByText('05:00 EDT to 07:00 EDT')).toBeVisible();
  await day.submit.click();
  await expect(day.dialog).toBeHidden();
  await expect(day.segment(morning)).toContainText('05:00–07:00');

  await day.addSegment.click();
  await day.fill({ title: newscast, kind: 'newscast', startTime: '07:00', duration: '30:00' });
  await day.submit.click();
  await expect(day.dialog).toBeHidden();
  await expect(day.segment(newscast)).toContainText('07:00–07:30');

  // The third overlaps the first: the API refuses it and the dialog says which segment is in the way.
  await day.addSegment.click();
  await day.fill({ title: 'Breaking news special', startTime: '06:30', duration: '1:00:00' });
  await day.submit.click();
  await expect(day.alert(`Overlaps "${morning}"`)).toBeVisible();
  await expect(day.startTime).toHaveAttribute('aria-invalid', 'true');
  await expect(day.dialog).toBeVisible();
  await day.cancel.click();
  await expect(day.dialog).toBeHidden();
  await expect(day.timeline.getByText('Breaking news special')).toHaveCount(0);

  const response = await request.get(
    `${API_URL}/api/public/stations/${station.callSign}/now-next?at=${encodeURIComponent(instant(`${DAY}T06:15`, station.timezone))}`,
  );
  expect(response.status()).toBe(200);
  const strip = PublicNowNextSchema.parse(await response.json());
  expect(strip.station.callSign).toBe(station.callSign);
  expect(strip.now?.title).toBe(morning);
  expect(strip.now?.startsAt).toBe(instant(`${DAY}T05:00`, station.timezone));
  expect(strip.next?.title).toBe(newscast);
});

test('the dialog catches times the station clock skips or repeats', async ({ page, request }) => {
  const station = await createStationViaApi(request);
  // The next spring-forward and fall-back days in New York after 2030-01-01.
  const changes: Array<{ date: string; hours: number }> = [];
  for (let date = '2030-01-01'; changes.length < 2; date = addDays(date, 1)) {
    const hours = (startOfLocalDay(addDays(date, 1), station.timezone) - startOfLocalDay(date, station.timezone)) / 3_600_000;
    if (hours !== 24) changes.push({ date, hours });
  }
  const spring = changes.find((change) => change.hours === 23)!;
  const fall = changes.find((change) => change.hours === 25)!;

  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  await expect(page).toHaveURL(/\/schedule$/);
  const day = new ScheduleDayPage(page);

  await day.goto(station.callSign, spring.date);
  await expect(page.getByText(/Clocks spring forward today/)).toBeVisible();
  await day.addSegment.click();
  await day.fill({ title: 'Overnight jazz', startTime: '02:30', duration: '30:00' });
  await day.submit.click();
  await expect(day.alert(`${spring.date} 02:30 does not exist in America/New_York`)).toBeVisible();
  await day.cancel.click();

  await day.goto(station.callSign, fall.date);
  await day.addSegment.click();
  await day.fill({ title: 'Second pass', startTime: '01:30', duration: '30:00' });
  await expect(day.dialog.getByText('01:30 happens twice on this day')).toBeVisible();
  await day.dialog.getByLabel(/01:30 EST \(-05:00\)/).check();
  await day.submit.click();
  await expect(day.dialog).toBeHidden();
  await expect(day.segment('Second pass')).toBeVisible();
});

test('an editor reads the schedule but cannot change it', async ({ page, request }) => {
  const station = await createStationViaApi(request);
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  await expect(page).toHaveURL(/\/desk$/);
  const day = new ScheduleDayPage(page);
  await day.goto(station.callSign, DAY);
  await expect(page.getByText('Read only: producers and admins edit the schedule.')).toBeVisible();
  await expect(day.addSegment).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add here' })).toHaveCount(0);
});
