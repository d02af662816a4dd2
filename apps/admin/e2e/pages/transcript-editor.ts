import type { Locator, Page } from '@playwright/test';

/** The transcript section of the story editor. */
export class TranscriptEditor {
  readonly section: Locator;
  readonly importButton: Locator;
  readonly pasteBox: Locator;
  readonly readButton: Locator;
  readonly turns: Locator;
  readonly addTurn: Locator;
  readonly addCue: Locator;
  readonly preview: Locator;
  readonly unresolved: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByRole('region', { name: 'Transcript', exact: true });
    this.importButton = this.section.getByRole('button', { name: 'Import from text' });
    this.pasteBox = this.section.getByLabel('Paste the transcript');
    this.readButton = this.section.getByRole('button', { name: 'Read transcript' });
    this.turns = this.section.getByRole('list', { name: 'Transcript turns' });
    this.addTurn = this.section.getByRole('button', { name: 'Add turn', exact: true });
    this.addCue = this.section.getByRole('button', { name: 'Add cue', exact: true });
    this.preview = this.section.getByRole('region', { name: 'Transcript preview' });
    this.unresolved = this.section.getByRole('list', { name: 'Unresolved speakers' });
  }

  async paste(text: string) {
    await this.importButton.click();
    await this.pasteBox.fill(text);
    await this.readButton.click();
  }

  /** The review entry of a label nobody matched. */
  unresolvedLabel(label: string): Locator {
    return this.section.getByRole('listitem', { name: `Unresolved speaker ${label}`, exact: true });
  }

  /** Resolves an unresolved label by creating a person on the spot (the name is prefilled from the label). */
  async createPersonFor(label: string, name?: string) {
    const entry = this.unresolvedLabel(label);
    await entry.getByRole('button', { name: new RegExp(`^Speaker of ${escape(label)}:`) }).click();
    const panel = entry.getByRole('group', { name: `Choose the speaker of ${label}` });
    if (name !== undefined) await panel.getByLabel('Not in the registry?').fill(name);
    await panel.getByRole('button', { name: 'Create person' }).click();
  }

  async useTurns() {
    await this.section.getByRole('button', { name: /^(Use these turns|Replace the transcript)$/ }).click();
  }

  turn(n: number): Locator {
    return this.turns.getByRole('listitem', { name: `Turn ${n}`, exact: true });
  }

  label(n: number): Locator {
    return this.turn(n).getByLabel(`Label of turn ${n}`, { exact: true });
  }

  text(n: number): Locator {
    return this.turn(n).getByLabel(`Text of turn ${n}`, { exact: true });
  }

  cue(n: number): Locator {
    return this.turn(n).getByLabel(`Cue of turn ${n}`, { exact: true });
  }

  /** Chooses the speaker of turn n by searching the registry (or this story's speakers). */
  async chooseSpeaker(n: number, search: string, name: string) {
    await this.turn(n)
      .getByRole('button', { name: new RegExp(`^Speaker of turn ${n}:`) })
      .click();
    const panel = this.turn(n).getByRole('group', { name: `Choose the speaker of turn ${n}` });
    await panel.getByLabel('Find a person').fill(search);
    await panel
      .getByRole('button', { name: new RegExp(`^${escape(name)}`) })
      .first()
      .click();
  }

  action(n: number, name: 'up' | 'down' | 'split' | 'merge' | 'remove'): Locator {
    const names = {
      up: `Move turn ${n} up`,
      down: `Move turn ${n} down`,
      split: `Split turn ${n} at the cursor`,
      merge: `Merge turn ${n} with the previous turn`,
      remove: `Remove turn ${n}`,
    };
    return this.turn(n).getByRole('button', { name: names[name], exact: true });
  }

  handle(n: number): Locator {
    return this.turn(n).getByRole('img', { name: `Drag turn ${n} to reorder` });
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
