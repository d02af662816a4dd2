import { Inject, Injectable, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  AUDIO_EXTENSIONS,
  PLAYABLE_AUDIO_TYPES,
  RENDITION_PROFILES,
  type AudioAsset,
  type AudioPage,
  type AudioRendition,
  type AudioSummary,
  type AudioType,
  type CreateExternalAudioInput,
  type ListAudioQuery,
  type RenditionProfile,
  type UpdateAudioInput,
} from '@newsdesk/contracts';
import type { EntityManager } from 'typeorm';
import { compactDiff } from '../audit/audit.diff.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ConflictError, NotFoundError, ValidationError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CONFIG, type Config } from '../config.js';
import { MEDIA_STORAGE, type MediaStorage } from '../media/media-storage.js';
import { isAudioAvailable, isAudioExpired } from './audio-live.js';
import { readAudioFacts, removeQuietly, type AudioFacts, type ReceivedFile } from './audio-ingest.js';
import { ENCODE_QUEUE, type EncodeQueue } from './audio-jobs.js';
import { sniffAudio } from './audio-sniff.js';
import { AudioRepository, type AudioAssetRow, type RenditionRow } from './audio.repository.js';

const isPlayableType = (type: string | null) => type !== null && (PLAYABLE_AUDIO_TYPES as readonly string[]).includes(type);
const num = (value: string | number | null) => (value === null ? null : Number(value));
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export function toRenditionDto(assetId: string, row: RenditionRow): AudioRendition {
  return {
    id: row.id,
    profile: row.profile,
    status: row.status,
    progress: row.progress,
    error: row.error,
    attempts: row.attempts,
    contentType: row.content_type,
    byteSize: num(row.byte_size),
    bitrate: row.bitrate,
    durationSeconds: seconds(row.duration_ms),
    playUrl: row.status === 'ready' ? `/api/audio/${assetId}/play?rendition=${row.profile}` : null,
    updatedAt: row.updated_at.toISOString(),
  };
}

function assetPlayable(row: Pick<AudioAssetRow, 'kind' | 'content_type'>, renditions: RenditionRow[]): boolean {
  if (row.kind === 'external') return isPlayableType(row.content_type);
  return renditions.some((r) => r.status === 'ready' && isPlayableType(r.content_type));
}

/** The library's one-word encode state: a failure first, then what is still to do. */
function encodingState(kind: string, statuses: string[]): AudioSummary['encoding'] {
  if (kind === 'external' || !statuses.length) return 'none';
  for (const state of ['failed', 'queued', 'encoding'] as const) if (statuses.includes(state)) return state;
  return 'ready';
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

/** Audited columns, named in the diff by their contract field. */
const AUDITED = {
  title: 'title',
  sha256: 'sha256',
  external_url: 'externalUrl',
  content_type: 'contentType',
  byte_size: 'byteSize',
  duration_ms: 'durationMs',
  original_name: 'originalName',
  streamable: 'streamable',
  downloadable: 'downloadable',
  embeddable: 'embeddable',
  available_from: 'availableFrom',
  available_until: 'availableUntil',
};

/** The best playable rendition of an upload: the master when players take it, else the 128k MP3, else the mono one. */
export function bestRendition(renditions: RenditionRow[]): RenditionRow | undefined {
  const ready = renditions.filter((r) => r.status === 'ready' && r.sha256 && isPlayableType(r.content_type));
  return RENDITION_PROFILES.map((profile) => ready.find((r) => r.profile === profile)).find(Boolean);
}

/** A stored file to send: what the range/ETag layer needs. */
export interface Deliverable {
  sha256: string;
  contentType: string;
  byteSize: number;
}

/** What the public audio URL answers. */
export type PublicAudioAnswer = { kind: 'file'; file: Deliverable; availableUntil: Date | null } | { kind: 'gone' } | { kind: 'not_found' };

@Injectable()
export class AudioService {
  private readonly logger = new Logger('audio');

  constructor(
    private readonly repository: AudioRepository,
    private readonly writer: VersionedWriter,
    private readonly audit: AuditService,
    @Inject(MEDIA_STORAGE) readonly storage: MediaStorage,
    @Inject(ENCODE_QUEUE) private readonly queue: EncodeQueue,
    @Inject(CONFIG) private readonly config: Pick<Config, 'AUDIO_PODCAST_MONO'>,
  ) {}

  /**
   * Stores a received upload (the controller's and the demo's one path): sniffed (415 naming what it
   * is otherwise), measured by music-metadata, kept once per content (the same bytes again answer
   * the existing asset, also when two identical uploads race), with its `original` rendition and
   * the encodes it needs queued in the same transaction. The temp file is always removed.
   */
  async ingest(
    received: ReceivedFile,
    originalName: string,
    fields: { title?: string },
    actor: Principal | null,
  ): Promise<{ asset: AudioAsset; created: boolean }> {
    try {
      const sniffed = sniffAudio(received.head);
      if (!sniffed.ok) throw new UnsupportedMediaTypeException(sniffed.reason);
      const existing = await this.repository.findBySha(received.sha256);
      if (existing) return { asset: await this.toDto(existing), created: false };
      let facts: AudioFacts;
      try {
        facts = await readAudioFacts(received.path);
      } catch (error) {
        throw new UnsupportedMediaTypeException(
          `This ${sniffed.contentType} file could not be read (${error instanceof Error ? error.message : 'unreadable'}): it is damaged or incomplete.`,
        );
      }
      return await this.store(received, sniffed.contentType, facts, originalName, fields, actor);
    } finally {
      await removeQuietly(received.path);
    }
  }

  private async store(
    received: ReceivedFile,
    contentType: AudioType,
    facts: AudioFacts,
    originalName: string,
    fields: { title?: string },
    actor: Principal | null,
  ): Promise<{ asset: AudioAsset; created: boolean }> {
    // The row first, the bytes last inside its transaction: a committed row always has its bytes.
    // Our insert holds the sha256's unique key, so no committed row uses these bytes: if the commit
    // fails they are removed.
    let stored = false;
    let row: AudioAssetRow | null;
    try {
      row = await this.repository.transaction(async (tx) => {
        const inserted = await this.repository.insertUpload(
          tx,
          {
            sha256: received.sha256,
            contentType,
            byteSize: received.byteSize,
            ...facts,
            originalName: [...originalName].slice(0, 255).join(''),
            title: fields.title ?? '',
          },
          actor?.userId ?? null,
        );
        if (!inserted) return null;
        await this.repository.insertRendition(tx, {
          assetId: inserted.id,
          profile: 'original',
          status: 'ready',
          sha256: received.sha256,
          contentType,
          byteSize: received.byteSize,
          bitrate: facts.bitrate,
          durationMs: facts.durationMs,
        });
        const queued: string[] = [];
        const profiles: RenditionProfile[] = [];
        if (!isPlayableType(contentType)) profiles.push('mp3-128');
        if (this.config.AUDIO_PODCAST_MONO) profiles.push('mp3-64-mono');
        for (const profile of profiles)
          queued.push((await this.repository.insertRendition(tx, { assetId: inserted.id, profile, status: 'queued' })).id);
        await this.queue.enqueue(tx, queued);
        await this.audit.record(tx, {
          actor,
          action: 'create',
          entity: 'audio',
          entityId: inserted.id,
          diff: compactDiff(null, inserted, AUDITED),
        });
        await this.storage.putFile(received.sha256, received.path, received.byteSize, contentType);
        stored = true;
        return inserted;
      });
    } catch (error) {
      if (stored)
        await this.storage
          .delete(received.sha256)
          .catch((cleanup: unknown) =>
            this.logger.error({ err: cleanup, sha256: received.sha256 }, 'could not remove the bytes of a failed upload'),
          );
      throw error;
    }
    // Lost a race with an identical upload: that one's record is the record.
    if (!row) {
      const winner = await this.repository.findBySha(received.sha256);
      if (!winner) throw new NotFoundError('Audio');
      return { asset: await this.toDto(winner), created: false };
    }
    return { asset: await this.toDto(row), created: true };
  }

  async createExternal(
    input: CreateExternalAudioInput & { byteSize: number | null; title: string },
    actor: Principal,
  ): Promise<AudioAsset> {
    const row = await this.repository.transaction(async (tx) => {
      const inserted = await this.repository.insertExternal(
        tx,
        {
          url: input.url,
          contentType: input.contentType,
          durationMs: Math.round(input.durationSeconds * 1000),
          byteSize: input.byteSize,
          title: input.title,
          streamable: input.streamable ?? true,
          downloadable: input.downloadable ?? true,
          embeddable: input.embeddable ?? true,
          availableFrom: input.availableFrom ?? null,
          availableUntil: input.availableUntil ?? null,
        },
        actor.userId,
      );
      await this.repository.insertRendition(tx, {
        assetId: inserted.id,
        profile: 'original',
        status: 'ready',
        contentType: input.contentType,
        byteSize: input.byteSize,
        durationMs: inserted.duration_ms,
      });
      await this.audit.record(tx, {
        actor,
        action: 'create',
        entity: 'audio',
        entityId: inserted.id,
        diff: compactDiff(null, inserted, AUDITED),
      });
      return inserted;
    });
    return this.toDto(row);
  }

  async get(id: string, tx?: EntityManager): Promise<AudioAsset> {
    const row = await this.repository.find(id, tx);
    if (!row) throw new NotFoundError('Audio');
    return this.toDto(row, tx);
  }

  async list(query: ListAudioQuery): Promise<AudioPage> {
    const before = query.cursor ? decodeCursor(query.cursor) : null;
    const found = await this.repository.list(query.limit, query.q || undefined, before);
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind,
        title: row.title,
        contentType: row.content_type,
        durationSeconds: seconds(row.duration_ms),
        byteSize: num(row.byte_size),
        originalName: row.original_name,
        playable: row.playable,
        encoding: encodingState(row.kind, row.statuses),
        version: row.version,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
      })),
      nextCursor: found.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
    };
  }

  /** Title, rights and window (a versioned write: 409 when stale). */
  async update(id: string, input: UpdateAudioInput, actor: Principal): Promise<AudioAsset> {
    await this.writer.write<AudioAssetRow, AudioAssetRow>({
      what: 'audio asset',
      version: input.version,
      lock: (tx) => this.repository.lock(tx, id),
      changedSince: (_tx, row, version) =>
        Promise.resolve(
          Object.entries(row.field_versions ?? {})
            .filter(([, at]) => at > version)
            .map(([field]) => field),
        ),
      apply: async (tx, row) => {
        const next = {
          title: input.title ?? row.title,
          streamable: input.streamable ?? row.streamable,
          downloadable: input.downloadable ?? row.downloadable,
          embeddable: input.embeddable ?? row.embeddable,
          availableFrom:
            input.availableFrom === undefined ? row.available_from : input.availableFrom === null ? null : new Date(input.availableFrom),
          availableUntil:
            input.availableUntil === undefined
              ? row.available_until
              : input.availableUntil === null
                ? null
                : new Date(input.availableUntil),
        };
        if (next.availableFrom && next.availableUntil && next.availableFrom >= next.availableUntil)
          throw new ValidationError([{ field: 'availableUntil', message: 'availableUntil must be after availableFrom' }]);
        const changed = Object.keys(next).filter((field) => {
          const before = {
            title: row.title,
            streamable: row.streamable,
            downloadable: row.downloadable,
            embeddable: row.embeddable,
            availableFrom: iso(row.available_from),
            availableUntil: iso(row.available_until),
          }[field];
          const value = next[field as keyof typeof next];
          return (value instanceof Date ? value.toISOString() : value) !== before;
        });
        const after = await this.repository.update(tx, id, next, changed, actor.userId);
        if (!after) throw new NotFoundError('Audio');
        return after;
      },
      audit: (row, after) => ({ actor, action: 'update', entity: 'audio', entityId: id, diff: compactDiff(row, after, AUDITED) }),
    });
    return this.get(id);
  }

  /** Queues a failed encode again (409 naming the state when it is not failed). */
  async retry(id: string, profile: RenditionProfile, version: number, actor: Principal): Promise<AudioAsset> {
    await this.writer.write<AudioAssetRow, RenditionRow>({
      what: 'audio asset',
      version,
      lock: (tx) => this.repository.lock(tx, id),
      apply: async (tx) => {
        const rendition = (await this.repository.renditions(id, tx)).find((r) => r.profile === profile);
        if (!rendition) throw new NotFoundError(`The ${profile} rendition`);
        const requeued = await this.repository.requeue(tx, rendition.id);
        if (!requeued)
          throw new ConflictError(`The ${profile} rendition is ${rendition.status}, not failed: only a failed encode can be retried.`);
        await this.queue.enqueue(tx, [requeued.id]);
        return requeued;
      },
      audit: (_row, rendition) => ({
        actor,
        action: 'retry_encode',
        entity: 'audio',
        entityId: id,
        diff: { [`renditions.${rendition.profile}.status`]: ['failed', 'queued'] },
      }),
    });
    return this.get(id);
  }

  /** Staff playback: the named rendition or the best playable one, whatever the rights; an external asset's URL. */
  async openForPlay(id: string, profile?: RenditionProfile): Promise<{ file: Deliverable } | { redirect: string }> {
    const row = await this.repository.find(id);
    if (!row) throw new NotFoundError('Audio');
    if (row.kind === 'external' && row.external_url) return { redirect: row.external_url };
    const renditions = await this.repository.renditions(id);
    const rendition = profile
      ? renditions.find((r) => r.profile === profile && r.status === 'ready' && r.sha256)
      : bestRendition(renditions);
    if (!rendition?.sha256 || !rendition.content_type)
      throw new NotFoundError(profile ? `A ready ${profile} rendition` : 'A playable rendition');
    return { file: { sha256: rendition.sha256, contentType: rendition.content_type, byteSize: Number(rendition.byte_size ?? 0) } };
  }

  /**
   * The public audio URL's rule: an uploaded asset used by a live story, available (streamable, in
   * its window), its rendition ready and named with its type's extension; past its window: gone.
   */
  async openPublic(id: string, profile: RenditionProfile, extension: string, now = new Date()): Promise<PublicAudioAnswer> {
    const row = await this.repository.publicRendition(id, profile);
    if (!row || row.kind !== 'upload' || !row.live_use) return { kind: 'not_found' };
    const window = { streamable: row.streamable, availableFrom: row.available_from, availableUntil: row.available_until };
    if (!row.status || row.status !== 'ready' || !row.sha256 || !row.content_type) return { kind: 'not_found' };
    if (extensionOf(row.content_type) !== extension) return { kind: 'not_found' };
    if (row.streamable && isAudioExpired(window, now)) return { kind: 'gone' };
    if (!row.available || !isAudioAvailable(window, now)) return { kind: 'not_found' };
    return {
      kind: 'file',
      file: { sha256: row.sha256, contentType: row.content_type, byteSize: Number(row.byte_size ?? 0) },
      availableUntil: row.available_until,
    };
  }

  private async toDto(row: AudioAssetRow, tx?: EntityManager): Promise<AudioAsset> {
    const [renditions, usedBy] = await Promise.all([this.repository.renditions(row.id, tx), this.repository.usedBy(row.id, tx)]);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      sha256: row.sha256,
      externalUrl: row.external_url,
      contentType: row.content_type,
      byteSize: num(row.byte_size),
      durationSeconds: seconds(row.duration_ms),
      bitrate: row.bitrate,
      sampleRate: row.sample_rate,
      channels: row.channels,
      codec: row.codec,
      loudnessTags: row.loudness_tags ?? {},
      originalName: row.original_name,
      streamable: row.streamable,
      downloadable: row.downloadable,
      embeddable: row.embeddable,
      availableFrom: iso(row.available_from),
      availableUntil: iso(row.available_until),
      renditions: renditions.map((r) => toRenditionDto(row.id, r)),
      playable: assetPlayable(row, renditions),
      usedBy,
      version: row.version,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}

function extensionOf(contentType: string): string {
  return AUDIO_EXTENSIONS[contentType as AudioType] ?? 'bin';
}
