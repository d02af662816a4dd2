import { defined } from '@newsdesk/contracts';
import { Injectable } from '@nestjs/common';
import type { StoryStatus, TranscriptTurnWrite } from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { StoryEvent } from '../outbox/story-events.js';
import {
  EMPTY_TRANSCRIPT,
  checkTimesWithinAudio,
  lockSpeakers,
  readTranscript,
  rememberSpeakers,
  saveTranscript,
  transcriptAudit,
} from '../transcripts/transcript-rows.js';
import { changedFields, snapshotOf, type StorySnapshot } from './story-content.js';
import { untitleStorySegments } from '../schedule/segment.rows.js';
import { RevisionsService } from './revisions.service.js';
import { StoriesRepository, type StoryRow } from './stories.repository.js';
import { TagsRepository } from '../tags/tags.repository.js';
import { AudioRepository } from '../audio/audio.repository.js';
import { CorrespondentsRepository } from '../correspondents/correspondents.repository.js';
import { ScheduleRepository } from '../schedule/schedule.repository.js';
import { audioTypeOfUrl, type AudioChange, type StoryAudioItem } from './story-audio.js';

export type { StoryRow } from './stories.repository.js';

/** What a write wants done, decided by the caller after seeing the locked row. */
export interface StoryChange {
  columns?: Record<string, unknown>;
  tagIds?: string[];
  bylineIds?: string[];
  /** The transcript's turns, replacing the stored ones (validated, rendered and stored as rows). */
  transcript?: readonly TranscriptTurnWrite[];
  /** The story's audio: a new list, or the deprecated primary URL (see resolveAudio). */
  audio?: AudioChange;
  /** Why a new revision is made when the content changes (default: the action). */
  reason?: string;
  /** Forces a story.updated event for a live story even without a content change (e.g. a correction). */
  touchesPublicStory?: boolean;
}

/** Audited columns, by the contract's field names. */
const AUDITED = {
  headline: 'headline',
  slug: 'slug',
  teaser: 'teaser',
  dateline: 'dateline',
  body_html: 'bodyHtml',
  credit: 'credit',
  lead_image_id: 'leadImageId',
  status: 'status',
  published_at: 'publishedAt',
  embargo_until: 'embargoUntil',
  program_id: 'programId',
  broadcast: 'broadcast',
  episode_season: 'episodeSeason',
  episode_number: 'episodeNumber',
  episode_type: 'episodeType',
  recommend_until: 'recommendUntil',
};
const LIVE_STATES: StoryStatus[] = ['published', 'scheduled'];

/**
 * The one write path of stories, through VersionedWriter. In a transaction: lock the row, refuse a
 * stale version (409 with the current version and what changed since), apply the change with the version bumped, keep a
 * revision when the content changed, audit the diff, and enqueue what readers must learn.
 */
@Injectable()
export class StoryWriter {
  constructor(
    private readonly db: DataSource,
    private readonly stories: StoriesRepository,
    private readonly tags: TagsRepository,
    private readonly audio: AudioRepository,
    private readonly correspondents: CorrespondentsRepository,
    private readonly schedule: ScheduleRepository,
    private readonly audit: AuditService,
    private readonly versioned: VersionedWriter,
    private readonly revisions: RevisionsService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * `options.transcript`: the transcript the change will carry, when known before the row is seen;
   * its speakers are share-locked before the story row (people before stories: see lockSpeakers).
   * `options.tx`: run inside the caller's transaction (the preview of a revision, which rolls back).
   */
  async write(
    id: string,
    version: number,
    actor: Principal,
    action: string,
    decide: (row: StoryRow, tx: EntityManager) => Promise<StoryChange>,
    options: { transcript?: readonly TranscriptTurnWrite[]; tx?: EntityManager } = {},
  ): Promise<void> {
    const work = async (tx: EntityManager) => {
      const speakers = options.transcript ? await lockSpeakers(tx, options.transcript) : undefined;
      await this.versioned.write(
        {
          what: 'story',
          version,
          lock: (tx) => this.stories.lock(tx, id),
          changedSince: (tx, row, version) => this.changedSince(tx, row, version),
          apply: async (tx, row) => {
            const before = await this.snapshot(tx, row);
            const change = await decide(row, tx);
            const columns = { ...change.columns };
            const transcript = change.transcript
              ? await saveTranscript(tx, id, change.transcript, before.transcript, speakers, {
                  id: actor.userId,
                  name: actor.name,
                })
              : null;
            if (transcript) columns.transcript_text = transcript.text;
            if (columns.slug !== undefined && columns.slug !== row.slug) await this.moveSlug(tx, row, columns.slug as string);
            if (columns.program_id) await this.assertProgram(tx, columns.program_id as string);
            const after = await this.stories.update(tx, id, actor.userId, columns);
            // The speakers mapped in this transcript, remembered for its program's next imports.
            if (transcript || columns.program_id !== undefined) await rememberSpeakers(tx, id);
            if (change.tagIds) await this.replaceTags(tx, id, change.tagIds);
            if (change.bylineIds) await this.replaceBylines(tx, id, change.bylineIds);
            const beforeAudio = before.audio ?? [];
            const audio = change.audio ? await this.resolveAudio(tx, change.audio, beforeAudio) : null;
            if (audio) await this.stories.replaceAudio(tx, id, audio);
            if (transcript || audio) await checkTimesWithinAudio(tx, id);
            const snapshot = snapshotOf(
              after,
              change.bylineIds ?? before.bylineIds,
              change.tagIds ?? before.tagIds,
              transcript?.transcript ?? before.transcript,
              audio ?? beforeAudio,
            );
            const changed = changedFields(before, snapshot);
            if (changed.length)
              await this.revisions.record(tx, id, after.version, snapshot, change.reason ?? action, changed, actor.userId);
            const diff = compactDiff(row, after, AUDITED);
            if (changed.includes('tagIds')) diff.tagIds = [before.tagIds, snapshot.tagIds];
            if (changed.includes('bylineIds')) diff.bylineIds = [before.bylineIds, snapshot.bylineIds];
            if (changed.includes('audio'))
              diff.audio = [beforeAudio.map((item) => item.assetId), (snapshot.audio ?? []).map((item) => item.assetId)];
            if (changed.includes('transcript'))
              diff.transcript = [transcriptAudit(before.transcript), transcriptAudit(snapshot.transcript)];
            await this.announce(tx, row, after, changed.length > 0 || Boolean(change.touchesPublicStory));
            return diff;
          },
          audit: (_, diff) => ({ actor, action, entity: 'story', entityId: id, diff }),
        },
        tx,
      );
    };
    await (options.tx ? work(options.tx) : this.db.transaction(work));
  }

  /** Creates the first revision of a new story (the row is already inserted in `tx`), storing its transcript if it has one. */
  async created(
    tx: EntityManager,
    row: StoryRow,
    tagIds: string[],
    bylineIds: string[],
    actor: Principal,
    turns: readonly TranscriptTurnWrite[] = [],
    audioChange?: AudioChange,
  ): Promise<void> {
    if (tagIds.length) await this.replaceTags(tx, row.id, tagIds);
    if (bylineIds.length) await this.replaceBylines(tx, row.id, bylineIds);
    const transcript = turns.length
      ? await saveTranscript(tx, row.id, turns, EMPTY_TRANSCRIPT, undefined, { id: actor.userId, name: actor.name })
      : null;
    if (transcript) await this.stories.setTranscriptText(tx, row.id, transcript.text);
    if (transcript) await rememberSpeakers(tx, row.id);
    const audio = audioChange ? await this.resolveAudio(tx, audioChange, []) : [];
    if (audio.length) await this.stories.replaceAudio(tx, row.id, audio);
    if (transcript && audio.length) await checkTimesWithinAudio(tx, row.id);
    const snapshot = snapshotOf(row, bylineIds, tagIds, transcript?.transcript, audio);
    await this.revisions.record(tx, row.id, row.version, snapshot, 'create', changedFields(null, snapshot), actor.userId);
    await this.audit.record(tx, { actor, action: 'create', entity: 'story', entityId: row.id, diff: compactDiff(null, row, AUDITED) });
  }

  async remove(id: string, version: number, actor: Principal): Promise<void> {
    await this.versioned.write({
      what: 'story',
      version,
      lock: (tx) => this.stories.lock(tx, id),
      changedSince: (tx, row, version) => this.changedSince(tx, row, version),
      apply: async (tx, row) => {
        await untitleStorySegments(tx, id, row.headline);
        const wasPublic = await this.stories.isPublic(tx, id);
        await this.stories.delete(tx, id);
        await this.outbox.supersede(tx, id);
        // A story that was never public is deleted silently: its slug was never news.
        if (wasPublic) await this.outbox.enqueue(tx, this.event('story.deleted', row));
      },
      audit: (row) => ({ actor, action: 'delete', entity: 'story', entityId: id, diff: compactDiff(row, null, AUDITED) }),
    });
  }

  /** For a 409: the contract fields changed since the client's version (undefined when no revision tells). */
  private async changedSince(tx: EntityManager, row: StoryRow, version: number): Promise<string[] | undefined> {
    const then = await this.revisions.snapshotAt(tx, row.id, version);
    return then ? changedFields(then, await this.snapshot(tx, row)) : undefined;
  }

  /** 400 naming `programId` when there is no such program. */
  async assertProgram(tx: EntityManager, programId: string): Promise<void> {
    if (!(await this.schedule.findProgram(programId, tx)))
      throw new ValidationError([{ field: 'programId', message: 'No program with this id' }]);
  }

  private async snapshot(tx: EntityManager, row: StoryRow): Promise<StorySnapshot> {
    const ids = await this.stories.links(tx, row.id);
    return snapshotOf(row, ids.byline_ids, ids.tag_ids, await readTranscript(tx, row.id), await this.stories.audio(tx, row.id));
  }

  /**
   * The story's audio after a change. A list: every asset must exist (400 naming `audio.<i>.assetId`).
   * The deprecated `audioUrl`: null removes the primary (the next one becomes primary); a URL makes
   * (or reuses) an external asset as the AudioPodcasts migration does, and makes it the primary
   * (`only`: the only audio, as a revision from before audio assets had it).
   */
  private async resolveAudio(tx: EntityManager, change: AudioChange, current: StoryAudioItem[]): Promise<StoryAudioItem[]> {
    if ('items' in change) {
      if (change.items.length) {
        const found = new Set(
          await this.audio.existingIds(
            tx,
            change.items.map((item) => item.assetId),
          ),
        );
        const errors = change.items.flatMap((item, i) =>
          found.has(item.assetId) ? [] : [{ field: `audio.${i}.assetId`, message: 'No audio asset with this id' }],
        );
        if (errors.length) throw new ValidationError(errors);
      }
      return change.items;
    }
    const primary = current[0];
    if (change.legacy.url === null) return current.slice(1);
    const { durationSeconds } = change.legacy;
    const assetId = await this.audio.findOrCreateExternal(
      tx,
      {
        url: change.legacy.url,
        contentType: audioTypeOfUrl(change.legacy.url),
        durationMs: durationSeconds === undefined ? undefined : durationSeconds === null ? null : durationSeconds * 1000,
        ...(primary ? { preferId: primary.assetId } : {}),
      },
      change.userId,
    );
    const title = primary?.assetId === assetId ? primary.title : '';
    if (change.only) return [{ assetId, title }];
    return [{ assetId, title }, ...current.slice(1).filter((item) => item.assetId !== assetId)];
  }

  /** Once a story has been public, its old slug keeps answering with a redirect to the new one. */
  private async moveSlug(tx: EntityManager, row: StoryRow, slug: string): Promise<void> {
    if (await this.stories.slugTakenByOther(tx, slug, row.id))
      throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another story` }]);
    const redirected = await this.stories.redirectOf(tx, slug);
    if (redirected && redirected !== row.id)
      throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" still redirects to another story` }]);
    await this.stories.deleteRedirect(tx, slug);
    if (row.published_at) await this.stories.keepRedirect(tx, row.slug, row.id);
  }

  private async replaceTags(tx: EntityManager, storyId: string, tagIds: string[]): Promise<void> {
    if (tagIds.length) {
      const found = await this.tags.existing(tx, tagIds);
      const missing = tagIds.filter((id) => !found.includes(id));
      if (missing.length) throw new ValidationError([{ field: 'tagIds', message: `Unknown tag(s): ${missing.join(', ')}` }]);
    }
    await this.stories.replaceTags(tx, storyId, tagIds);
  }

  /** Bylines in order: correspondents (departed ones too: an old story keeps its byline). */
  private async replaceBylines(tx: EntityManager, storyId: string, bylineIds: string[]): Promise<void> {
    if (bylineIds.length) {
      const found = await this.correspondents.existingIds(tx, bylineIds);
      const missing = bylineIds.filter((id) => !found.includes(id));
      if (missing.length) throw new ValidationError([{ field: 'bylineIds', message: `Unknown correspondent(s): ${missing.join(', ')}` }]);
    }
    await this.stories.replaceBylines(tx, storyId, bylineIds);
  }

  /**
   * The events readers' caches and subscribers need, due when the change becomes visible. Public
   * means the LIVE rule (live status and publication instant passed), evaluated by PostgreSQL:
   * a scheduled story that was never public is withdrawn without a story.unpublished, and a change
   * of its publication (reschedule, withdraw, publish now) cancels its earlier publication events
   * in this transaction, so only the last one can fire.
   */
  private async announce(tx: EntityManager, before: StoryRow, after: StoryRow, contentChanged: boolean): Promise<void> {
    const wasLive = LIVE_STATES.includes(before.status);
    const isLive = LIVE_STATES.includes(after.status);
    const now = await this.stories.now(tx);
    const publicAt = (row: StoryRow, live: boolean) => live && row.published_at !== null && row.published_at.getTime() <= now.getTime();
    const wasPublic = publicAt(before, wasLive);
    const isPublic = publicAt(after, isLive);
    const publicationChanged = wasLive !== isLive || before.published_at?.getTime() !== after.published_at?.getTime();
    if (publicationChanged) await this.outbox.supersede(tx, after.id);
    if (wasPublic && !isPublic) await this.outbox.enqueue(tx, this.event('story.unpublished', after));
    if (isLive && publicationChanged) {
      const at = defined(after.published_at, 'published_at of a live story');
      await this.outbox.enqueue(
        tx,
        { ...this.event('story.published', after), publishedAt: at.toISOString() },
        at.getTime() > now.getTime() ? at : undefined,
      );
    } else if (isPublic && contentChanged) {
      await this.outbox.enqueue(tx, this.event('story.updated', after));
    }
  }

  private event(type: StoryEvent['type'], row: StoryRow): StoryEvent {
    return { type, storyId: row.id, slug: row.slug, version: row.version, at: new Date().toISOString() };
  }
}
