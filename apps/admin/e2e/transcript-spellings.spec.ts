import { expect, test, type APIRequestContext } from '@playwright/test';
import { NewsroomSettingsSchema, type UnverifiedSpellingRule } from '@newsdesk/contracts';
import { LoginPage } from './pages/login-page';
import { StoryEditorPage } from './pages/story-editor-page';
import { TranscriptEditor } from './pages/transcript-editor';
import { DEMO, apiToken, createStoryViaApi, uniqueHeadline } from './support/data';
import { getStoryViaApi } from './support/desk-data';
import { API_URL } from './support/servers';

/**
 * The "(ph)" desk (issue 19 item 4): an editor marks two spellings in a turn, the desk lists them
 * and links to the turn, one is verified against a source and the other corrected to a registry
 * name, and the story leaves the desk; the newsroom rule blocks publishing while a spelling is
 * unverified, and with "render" the public text prints "(ph)".
 */

async function setRule(request: APIRequestContext, rule: UnverifiedSpellingRule) {
  const headers = { authorization: `Bearer ${await apiToken(request, DEMO.admin)}`, 'x-newsdesk-csrf': '1' };
  const current = NewsroomSettingsSchema.parse(await (await request.get(`${API_URL}/api/settings`, { headers })).json());
  const changed = await request.patch(`${API_URL}/api/settings`, {
    headers,
    data: { unverifiedSpellings: rule, version: current.version },
  });
  if (!changed.ok()) throw new Error(`Changing the setting failed: ${changed.status()} ${await changed.text()}`);
}

const TEXT = 'We reached Anatoly Petroff in Moscow, and Sergei Lavrof said no.';

test('mark two spellings, the desk lists them, verify one and correct the other from the registry: gone from the desk', async ({
  page,
  request,
}) => {
  const story = await createStoryViaApi(request, {
    headline: uniqueHeadline('Talks stall'),
    transcript: { turns: [{ personId: null, label: 'NORA QUILL, HOST', text: TEXT }] },
  });
  await new LoginPage(page).goto(`/stories/${story.id}`);
  await new LoginPage(page).signIn(DEMO.editor);
  const editor = new StoryEditorPage(page);
  const transcript = new TranscriptEditor(page);
  // Signing in hashes a password: slow on a loaded machine.
  await expect(editor.headline).toHaveValue(story.headline, { timeout: 60_000 });

  // Select each name in the turn's text and mark it.
  for (const name of ['Anatoly Petroff', 'Sergei Lavrof']) {
    await transcript.text(1).evaluate((area: HTMLTextAreaElement, name) => {
      area.focus();
      area.setSelectionRange(area.value.indexOf(name), area.value.indexOf(name) + name.length);
    }, name);
    await transcript.turn(1).getByRole('button', { name: 'Mark the selected text of turn 1 as an unverified spelling' }).click();
  }
  const spellings = transcript.turn(1).getByRole('list', { name: 'Spellings of turn 1' });
  await expect(spellings.getByRole('listitem')).toHaveText([/Anatoly Petroff unverified \(ph\)/, /Sergei Lavrof unverified \(ph\)/]);
  await editor.save();
  await expect(editor.saveState).toHaveText(/Saved|No changes to save/);

  // The desk lists both, in context, each linking to the turn.
  await page.getByRole('link', { name: 'Spellings (ph)' }).click();
  const entry = page.getByRole('list', { name: `Unverified spellings of ${story.headline}` });
  await expect(entry.getByRole('listitem')).toHaveCount(2);
  await expect(entry).toContainText('We reached Anatoly Petroff (ph) in Moscow');
  await entry.getByRole('link', { name: 'Sergei Lavrof, turn 1' }).click();
  await expect(page).toHaveURL(new RegExp(`/stories/${story.id}#turn-0$`));
  await expect(transcript.text(1)).toBeFocused();

  // Verify the first against a source; correct the second to the registry's spelling.
  await spellings.getByRole('button', { name: 'Verify the spelling Anatoly Petroff' }).click();
  await spellings.getByRole('group', { name: 'Verify Anatoly Petroff' }).getByLabel('Source').fill('Embassy press list');
  await spellings.getByRole('button', { name: 'Mark verified' }).click();
  await spellings.getByRole('button', { name: 'Correct the spelling Sergei Lavrof' }).click();
  const correction = spellings.getByRole('group', { name: 'Correct Sergei Lavrof' });
  await correction.getByRole('button', { name: 'Sergey Lavrov' }).click();
  await expect(correction.getByLabel('Correct spelling')).toHaveValue('Sergey Lavrov');
  await correction.getByRole('button', { name: 'Apply correction' }).click();
  await expect(transcript.text(1)).toHaveValue('We reached Anatoly Petroff in Moscow, and Sergey Lavrov said no.');
  // (An autosave may have recorded the first already: "verified by <name> on <date> — <source>".)
  await expect(spellings.getByRole('listitem')).toHaveText([
    /Anatoly Petroff verified.* — Embassy press list/,
    /Sergey Lavrov verified.* — Registry: Sergey Lavrov/,
  ]);
  // Saved by this click or by the autosave just before it.
  await editor.save();
  await expect(editor.saveState).toHaveText(/Saved|No changes to save/);

  const saved = await getStoryViaApi(request, story.id);
  const turn = saved.transcript.turns[0]!;
  expect('spellings' in turn && turn.spellings?.map((s) => [s.verified, s.verifiedByName !== null, s.note])).toEqual([
    [true, true, 'Embassy press list'],
    [true, true, 'Registry: Sergey Lavrov'],
  ]);
  await page.getByRole('link', { name: 'Spellings (ph)' }).click();
  await expect(page.getByRole('heading', { name: 'Unverified spellings', exact: true })).toBeVisible();
  await expect(page.getByRole('list', { name: `Unverified spellings of ${story.headline}` })).toHaveCount(0);
});

test('the newsroom rule: "block" refuses to publish with an unverified spelling, "render" publishes it with "(ph)"', async ({
  page,
  request,
}) => {
  const story = await createStoryViaApi(request, {
    headline: uniqueHeadline('Ceasefire'),
    transcript: {
      turns: [
        {
          personId: null,
          label: 'NORA QUILL, HOST',
          text: TEXT,
          spellings: [{ at: TEXT.indexOf('Anatoly'), end: TEXT.indexOf(' in Moscow') }],
        },
      ],
    },
  });
  await setRule(request, 'block');
  try {
    await new LoginPage(page).goto('/spellings');
    await new LoginPage(page).signIn(DEMO.editor);
    await expect(page.getByRole('region', { name: 'Newsroom rule for unverified spellings' })).toContainText(
      'Block publishing while a story has any',
    );
    await page.goto(`/stories/${story.id}`);
    const editor = new StoryEditorPage(page);
    await expect(editor.headline).toHaveValue(story.headline);
    await editor.publish();
    await expect(page.getByText(/The spelling “Anatoly Petroff” is unverified/)).toBeVisible();
    expect((await getStoryViaApi(request, story.id)).status).toBe('draft');
  } finally {
    await setRule(request, 'render');
  }
  await page.reload();
  const editor = new StoryEditorPage(page);
  await expect(editor.headline).toHaveValue(story.headline);
  await editor.publish();
  await expect(editor.status).toHaveText('Published');
  const saved = await getStoryViaApi(request, story.id);
  const json = (await (await request.get(`${API_URL}/api/public/stories/${saved.slug}`)).json()) as {
    transcript: { turns: Array<{ text: string }> };
  };
  expect(json.transcript.turns[0]?.text).toBe('We reached Anatoly Petroff (ph) in Moscow, and Sergei Lavrof said no.');
  expect(JSON.stringify(json)).not.toContain('spellings');
});
