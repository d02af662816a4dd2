import type { Locator, Page } from '@playwright/test';

/** The audio library (/audio): upload with its progress bar, search, the list. */
export class AudioLibraryPage {
  readonly heading: Locator;
  readonly title: Locator;
  readonly file: Locator;
  readonly progress: Locator;
  readonly uploadStatus: Locator;
  readonly search: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Audio' });
    this.title = page.getByLabel('Title (optional)');
    this.file = page.getByLabel('Audio file');
    this.progress = page.getByRole('progressbar', { name: 'Upload progress' });
    this.uploadStatus = page.locator('.upload-status');
    this.search = page.getByRole('searchbox', { name: 'Search audio' });
  }

  async goto(q?: string) {
    await this.page.goto(q ? `/audio?q=${encodeURIComponent(q)}` : '/audio');
  }

  row(text: string): Locator {
    return this.page.getByRole('row').filter({ hasText: text });
  }

  /** An alert with this text (Next's route announcer is an alert too). */
  alert(text: string | RegExp): Locator {
    return this.page.getByRole('alert').filter({ hasText: text });
  }
}

/** One asset's page (/audio/<id>): player, facts, renditions, rights form, stories using it. */
export class AudioAssetPage {
  readonly player: Locator;
  readonly duration: Locator;
  readonly renditions: Locator;
  readonly usedBy: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;

  constructor(private readonly page: Page) {
    this.player = page.getByTestId('audio-player');
    this.duration = page.getByTestId('audio-duration');
    this.renditions = page.getByRole('region', { name: 'Renditions' });
    this.usedBy = page.getByRole('region', { name: 'Stories using it' });
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.locator('.save-state');
  }

  rendition(profile: 'original' | 'mp3-128' | 'mp3-64-mono'): Locator {
    return this.page.getByTestId(`rendition-${profile}`);
  }

  /** The asset id from the URL (/audio/<id>). */
  assetId(): string {
    const match = /\/audio\/([0-9a-f-]{36})$/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`Not on an audio page: ${this.page.url()}`);
    return match[1];
  }

  /**
   * Plays the player from the start: play() resolves, the media has data for the current position
   * (readyState ≥ 2) and currentTime moves on; then seeks to `seekTo` seconds (Range requests).
   */
  async play(seekTo: number): Promise<{ readyState: number; currentTime: number; seekedTo: number; duration: number }> {
    return this.player.evaluate(async (element, target) => {
      const audio = element as HTMLAudioElement;
      await audio.play();
      const started = audio.currentTime;
      await new Promise<void>((resolve) => {
        const check = () => (audio.currentTime > started + 0.25 ? resolve() : setTimeout(check, 50));
        check();
      });
      const readyState = audio.readyState;
      const currentTime = audio.currentTime;
      await new Promise<void>((resolve) => {
        audio.addEventListener('seeked', () => resolve(), { once: true });
        audio.currentTime = target;
      });
      const seekedTo = audio.currentTime;
      audio.pause();
      return { readyState, currentTime, seekedTo, duration: audio.duration };
    }, seekTo);
  }
}

/** A program's podcast page: settings, feed check panel, episodes. */
export class PodcastPage {
  readonly heading: Locator;
  readonly feedCheck: Locator;
  readonly feedCheckSummary: Locator;
  readonly checkAgain: Locator;
  readonly episodes: Locator;
  readonly feedUrl: Locator;
  readonly saveButton: Locator;
  readonly saveState: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /: podcast$/ });
    this.feedCheck = page.getByRole('region', { name: 'Feed check' });
    this.feedCheckSummary = page.getByTestId('feed-check-summary');
    this.checkAgain = page.getByRole('button', { name: 'Check again' });
    this.episodes = page.getByRole('region', { name: 'Episodes' });
    this.feedUrl = page.getByLabel('Feed address');
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.saveState = page.locator('.save-state');
  }

  async goto(programId: string) {
    await this.page.goto(`/schedule/programs/${programId}/podcast`);
  }

  /** The check's findings of one severity. */
  findings(severity: 'Errors' | 'Warnings'): Locator {
    return this.feedCheck.getByRole('list', { name: severity }).getByRole('listitem');
  }
}
