import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login-page';
import { Masthead } from './pages/masthead';
import { PersonEditorPage } from './pages/person-editor-page';
import { DEMO } from './support/data';

test('an editor adds a person, finds them by another spelling, and merges a duplicate into them', async ({ page }) => {
  const tag = randomBytes(3).toString('hex');
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.editor);
  // Signed in: the masthead is there (each role lands on its own start page).
  await expect(new Masthead(page).sections).toBeVisible();
  await new Masthead(page).sections.getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'People' })).toBeVisible();

  // The survivor: the spelling the newsroom uses, with the transliteration as another spelling.
  await page.getByRole('link', { name: 'New person' }).click();
  const person = new PersonEditorPage(page);
  await person.displayName.fill(`Dmitry Peskov${tag}`);
  await expect(person.familyName).toHaveAttribute('placeholder', `Peskov${tag}`);
  await person.labelTitle.fill('kremlin spokesman');
  await person.affiliation.fill('Spokesman for the Kremlin');
  await person.addAlias(`Dmitri Peskov${tag}`);
  await person.saveButton.click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(person.saveState).toHaveText('Person added.');
  await expect(person.labelTitle).toHaveValue('KREMLIN SPOKESMAN');
  const survivorId = person.personId();

  // Found by the other spelling.
  await page.goto(`/people?q=${encodeURIComponent(`dmitri peskov${tag}`)}`);
  await expect(page.getByRole('link', { name: `Dmitry Peskov${tag}`, exact: true })).toBeVisible();

  // A duplicate typed by someone else, merged into the survivor.
  await page.goto('/people/new');
  await person.displayName.fill(`D. Peskov${tag}`);
  await person.saveButton.click();
  await expect(person.saveState).toHaveText('Person added.');
  await person.mergeButton.click();
  await expect(person.mergeDialog).toBeVisible();
  await person.mergeDialog.getByLabel('Find the person who stays').fill(`peskov${tag}`);
  await person.mergeDialog.getByRole('radio', { name: new RegExp(`^Dmitry Peskov${tag}`) }).check();
  await person.mergeDialog.getByRole('button', { name: `Merge into Dmitry Peskov${tag}` }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${survivorId}$`));
  await expect(person.saveState).toHaveText(`Merged D. Peskov${tag} into Dmitry Peskov${tag}.`);
  await expect(page.getByRole('listitem').filter({ hasText: `D. Peskov${tag}` })).toBeVisible();
});

test('a producer reads people but cannot add or change them', async ({ page }) => {
  await new LoginPage(page).goto();
  await new LoginPage(page).signIn(DEMO.producer);
  // Signed in: the masthead is there (each role lands on its own start page).
  await expect(new Masthead(page).sections).toBeVisible();
  await page.goto('/people?q=lavrov');
  await expect(page.getByRole('link', { name: 'New person' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Sergey Lavrov', exact: true }).click();
  const person = new PersonEditorPage(page);
  await expect(person.displayName).toHaveValue('Sergey Lavrov');
  await expect(person.displayName).toBeDisabled();
  await expect(person.saveButton).toHaveCount(0);
  await expect(person.mergeButton).toHaveCount(0);
});
