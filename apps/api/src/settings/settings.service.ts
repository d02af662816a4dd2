import { Injectable } from '@nestjs/common';
import type { NewsroomSettings, UpdateNewsroomSettingsInput } from '@newsdesk/contracts';
import type { Principal } from '../auth/principal.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { SettingsRepository, settingsOf } from './settings.repository.js';

/** Newsroom-wide settings: one versioned record, written through VersionedWriter (409 when stale, audited). */
@Injectable()
export class SettingsService {
  constructor(
    private readonly settings: SettingsRepository,
    private readonly versioned: VersionedWriter,
  ) {}

  async get(): Promise<NewsroomSettings> {
    return settingsOf(await this.settings.get());
  }

  async update(input: UpdateNewsroomSettingsInput, actor: Principal): Promise<NewsroomSettings> {
    const row = await this.versioned.write({
      what: 'settings',
      version: input.version,
      lock: (tx) => this.settings.lock(tx),
      apply: (tx) => this.settings.update(tx, input.unverifiedSpellings, actor.userId),
      audit: (before, after) =>
        before.unverified_spellings === after.unverified_spellings
          ? null
          : {
              actor,
              action: 'update',
              entity: 'settings',
              entityId: null,
              diff: { unverifiedSpellings: [before.unverified_spellings, after.unverified_spellings] },
            },
    });
    return settingsOf(row);
  }
}
