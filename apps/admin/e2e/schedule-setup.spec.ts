import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { DEMO } from './support/data';
import { uniqueCallSign } from './support/schedule';

/** The station and recurring-slot forms save through the admin's one save path (useRecordSave). */
test('a producer adds a station, is told on the field when its call sign is taken, and adds a recurring slot', async ({ page }) => {
  const callSign = uniqueCallSign();
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  await expect(page).toHaveURL(/\/schedule$/);

  const addStation = async () => {
    await page.getByText('Add a station').click();
    await page.getByLabel('Call sign').fill(callSign);
    await page.getByLabel('Name', { exact: true }).fill('Setup Test Radio');
    await page.getByLabel('Frequency').fill('91.5');
    await page.getByLabel('Time zone').fill('America/Chicago');
    await page.getByRole('button', { name: 'Add station' }).click();
  };
  await addStation();
  await expect(page).toHaveURL(new RegExp(`/schedule/${callSign}`));

  // The same call sign again: the API's 409/400 lands on the call sign field, not in a generic banner.
  await page.goto('/schedule');
  await addStation();
  await expect(page.getByRole('alert').filter({ hasText: `The call sign ${callSign} is already used by another station` })).toBeVisible();
  await expect(page).toHaveURL(/\/schedule$/);

  await page.goto(`/schedule/${callSign}/week?start=2030-04-15`);
  await page.getByText('Add a recurring slot').click();
  const rule = page.locator('form.rule-form');
  const program = rule.getByLabel('Program');
  const firstProgram = await program.locator('option').nth(1).textContent();
  await program.selectOption({ index: 1 });
  await rule.getByLabel('Start time').fill('06:00');
  await rule.getByLabel('Length').fill('1:00:00');
  await rule.getByRole('button', { name: 'Add recurring slot' }).click();
  await expect(page.getByRole('cell', { name: firstProgram ?? '' }).first()).toBeVisible();
  await expect(page.getByText('No recurring slots at this station yet.')).toHaveCount(0);

  // A program whose name derives a slug another program has: the API's slug error is shown in the banner.
  const name = `Setup Hour ${callSign}`;
  const addProgram = async () => {
    await page.getByText('Add a program').click();
    const form = page.locator('details', { hasText: 'Add a program' }).locator('form');
    await form.getByLabel('Name').fill(name);
    await form.getByRole('button', { name: 'Add program' }).click();
    return form;
  };
  await addProgram();
  await expect(page.locator('form.rule-form').getByLabel('Program').locator('option', { hasText: name })).toHaveCount(1);
  await page.reload();
  const again = await addProgram();
  await expect(again.getByRole('alert').filter({ hasText: 'is already used' })).toBeVisible();
});
