import type { Locator, Page } from '@playwright/test';

export interface SegmentFields {
  title?: string;
  kind?: string;
  date?: string;
  startTime?: string;
  duration?: string;
}

/** A station's day view and its add/edit segment dialog. */
export class ScheduleDayPage {
  readonly addSegment: Locator;
  readonly timeline: Locator;
  readonly dialog: Locator;
  readonly title: Locator;
  readonly startTime: Locator;
  readonly duration: Locator;
  readonly date: Locator;
  readonly submit: Locator;
  readonly cancel: Locator;

  constructor(private readonly page: Page) {
    this.addSegment = page.getByRole('button', { name: 'Add segment' });
    this.timeline = page.getByRole('list', { name: /^Schedule of / });
    this.dialog = page.getByRole('dialog');
    this.title = this.dialog.getByLabel('Title', { exact: true });
    this.startTime = this.dialog.getByLabel('Start time', { exact: true });
    this.duration = this.dialog.getByLabel('Duration', { exact: true });
    this.date = this.dialog.getByLabel('Date', { exact: true });
    this.submit = this.dialog.getByRole('button', { name: /^(Add|Save)$/ });
    this.cancel = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  async goto(callSign: string, date: string) {
    await this.page.goto(`/schedule/${callSign}?date=${date}`);
  }

  async fill(fields: SegmentFields) {
    if (fields.title !== undefined) await this.title.fill(fields.title);
    if (fields.kind !== undefined) await this.dialog.getByLabel('Kind', { exact: true }).selectOption(fields.kind);
    if (fields.date !== undefined) await this.date.fill(fields.date);
    if (fields.startTime !== undefined) await this.startTime.fill(fields.startTime);
    if (fields.duration !== undefined) await this.duration.fill(fields.duration);
  }

  /** The timeline row of a segment with this title. */
  segment(title: string): Locator {
    return this.timeline.getByRole('listitem').filter({ hasText: title });
  }

  /** An alert in the dialog with this text (Next's route announcer is an alert too). */
  alert(text: string | RegExp): Locator {
    return this.dialog.getByRole('alert').filter({ hasText: text });
  }
}
