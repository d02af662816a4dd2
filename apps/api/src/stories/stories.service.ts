import { Injectable } from '@nestjs/common';
import {
  bodyMediaIds,
  defined,
  imagesMissingAltOrCredit,
  slugify,
  type CreateCorrectionInput,
  type CreateStoryInput,
  type Dashboard,
  type EmbargoStoryInput,
  type FieldError,
  type ListStoriesQuery,
  type PublishStoryInput,
  type RichTextDoc,
  type Story,
  type StoryPage,
  type StoryStatus,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { decodeCursor, encodeCursor } from '../common/cursor.js';
import { ConflictError, ValidationError } from '../common/errors.js';
import { RevisionsService } from './revisions.service.js';
import { transcriptFromSnapshot } from '../transcripts/transcript-rows.js';
import { MediaService } from '../media/media.service.js';
import { contentColumns, withBodyImages } from './story-content.js';
import { effectiveStatus, isLive } from './story-live.js';
import { StoriesRepository, type StoryListFilter, type StoryRow } from './stories.repository.js';
import { StoryReader, toSummary } from './story-reader.js';
import { StoryWriter } from './story-writer.js';
import { audioChangeOf, type AudioChange } from './story-audio.js';
import { isAudioAvailable } from '../audio/audio-live.js';
import { SpellingDeskService } from '../transcripts/spelling-desk.service.js';

/** Which states each transition may start from. */
const TRANSITIONS: Record<string, StoryStatus[]> = {
  submit: ['draft'],
  'return-to-draft': ['in_review', 'scheduled', 'unpublished'],
  publish: ['draft', 'in_review', 'scheduled', 'unpublished'],
  unpublish: ['published', 'scheduled'],
};

/** The later of two instants (null: no bound). */
const latest = (instant: Date, bound: Date | null): Date => (bound && bound.getTime() > instant.getTime() ? bound : instant);

function assertTransition(transition: string, row: StoryRow): void {
  const status = effectiveStatus(row.status, row.published_at);
  if (!(TRANSITIONS[transition] ?? []).includes(status)) {
    throw new ConflictError(`A story that is ${status.replace('_', ' ')} cannot ${transition.replace(/-/g, ' ')}.`);
  }
}

@Injectable()
export class StoriesService {
  constructor(
    private readonly db: DataSource,
    private readonly stories: StoriesRepository,
    private readonly reader: StoryReader,
    private readonly writer: StoryWriter,
    private readonly revisions: RevisionsService,
    private readonly media: MediaService,
    private readonly spellings: SpellingDeskService,
  ) {}

  /** Newest edits first; with `q`, ranked full-text search (headline weighs most; see rankedMatches) with highlighted snippets. */
  async list(query: ListStoriesQuery, principal: Principal): Promise<StoryPage> {
    const search = Boolean(query.q);
    let after: StoryListFilter['after'];
    if (query.cursor) {
      const [key, id] = decodeCursor(query.cursor, 'uuid', search ? 'number' : 'instant');
      after = { key, id };
    }
    const rows = await this.stories.page({
      status: query.status,
      tag: query.tag,
      correspondent: query.correspondent,
      q: query.q,
      limit: query.limit + 1,
      ...(query.mine === 'true' ? { createdBy: principal.userId } : {}),
      ...(after ? { after } : {}),
    });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    const nextKey = last && (search ? String(last.rank) : last.updated_at.toISOString());
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > query.limit && last && nextKey ? encodeCursor([nextKey, last.id]) : null,
    };
  }

  async dashboard(principal: Principal): Promise<Dashboard> {
    const { myDrafts, inReview, scheduled, recentlyPublished } = await this.stories.dashboard(principal.userId);
    return {
      myDrafts: myDrafts.map(toSummary),
      inReview: inReview.map(toSummary),
      scheduled: scheduled.map(toSummary),
      recentlyPublished: recentlyPublished.map(toSummary),
    };
  }

  get(id: string): Promise<Story> {
    return this.reader.get(id);
  }

  async create(input: CreateStoryInput, actor: Principal): Promise<Story> {
    const slug = input.slug || slugify(input.headline);
    if (!slug)
      throw new ValidationError([{ field: 'slug', message: 'The headline has no letters or digits to derive a slug from; enter a slug' }]);
    const id = await this.db.transaction(async (tx) => {
      if (await this.stories.slugInUse(tx, slug))
        throw new ValidationError([{ field: 'slug', message: `The slug "${slug}" is already used by another story` }]);
      if (input.programId) await this.writer.assertProgram(tx, input.programId);
      await this.assertLeadImage(tx, input.leadImageId, false);
      const columns = {
        ...(await withBodyImages(
          contentColumns({ ...input, body: input.body ?? (input.bodyHtml === undefined ? { type: 'doc', content: [] } : undefined) }),
          this.media,
        )),
        slug,
        created_by: actor.userId,
        updated_by: actor.userId,
      };
      const row = await this.stories.insert(tx, columns);
      await this.writer.created(
        tx,
        row,
        input.tagIds ?? [],
        input.bylineIds ?? [],
        actor,
        input.transcript?.turns,
        audioChangeOf(input, actor.userId),
      );
      return row.id;
    });
    return this.get(id);
  }

  async update(id: string, input: UpdateStoryInput, actor: Principal): Promise<Story> {
    const transcript = input.transcript?.turns;
    await this.writer.write(
      id,
      input.version,
      actor,
      'update',
      async (row, tx) => {
        await this.assertLeadImage(tx, input.leadImageId, row.status === 'published' || row.status === 'scheduled');
        return {
          columns: await withBodyImages(contentColumns(input), this.media),
          tagIds: input.tagIds,
          bylineIds: input.bylineIds,
          transcript,
          audio: audioChangeOf(input, actor.userId),
          // Not revision content, but distributed (CDS recommendUntilDateTime): a live story is re-sent.
          touchesPublicStory: input.recommendUntil !== undefined,
        };
      },
      { transcript },
    );
    return this.get(id);
  }

  /**
   * A lead image named by a write must be an uploaded image (400 naming `leadImageId`); on a
   * published or scheduled story it must also be publishable (alt text, credit, ready renditions),
   * so a live story never shows a photo that could not have been published with it.
   */
  private async assertLeadImage(tx: EntityManager, leadImageId: string | null | undefined, live: boolean): Promise<void> {
    if (!leadImageId) return;
    const problem = await this.media.leadImageProblem(tx, leadImageId);
    if (problem && (live || problem === 'No uploaded image with this id'))
      throw new ValidationError([{ field: 'leadImageId', message: problem }]);
  }

  async submit(id: string, version: number, actor: Principal): Promise<Story> {
    await this.writer.write(id, version, actor, 'submit', async (row) => {
      assertTransition('submit', row);
      return { columns: { status: 'in_review', submitted_at: new Date() } };
    });
    return this.get(id);
  }

  async returnToDraft(id: string, version: number, actor: Principal): Promise<Story> {
    await this.writer.write(id, version, actor, 'return_to_draft', async (row) => {
      assertTransition('return-to-draft', row);
      return { columns: { status: 'draft', submitted_at: null, ...(row.status === 'scheduled' ? { published_at: null } : {}) } };
    });
    return this.get(id);
  }

  /**
   * Publish now, or schedule at a future publishAt. An embargoed story is never published before its
   * embargo: the publication instant is the later of the requested one (or now) and embargo_until,
   * so a story published "now" under an embargo is scheduled at the embargo (docs/embargo.md).
   */
  async publish(id: string, input: PublishStoryInput, actor: Principal): Promise<Story> {
    const at = input.publishAt ? new Date(input.publishAt) : null;
    const scheduled = at !== null && at.getTime() > Date.now();
    await this.writer.write(id, input.version, actor, scheduled ? 'schedule' : 'publish', async (row, tx) => {
      assertTransition('publish', row);
      // Publishing again after an unpublish keeps the original publication time.
      const keep = row.status === 'unpublished' && row.published_at;
      const requested = scheduled ? at : keep ? row.published_at : (at ?? new Date());
      const wanted = defined(requested, 'publication instant');
      const instant = latest(wanted, row.embargo_until);
      // Held back by the embargo: scheduled at it while it is ahead (the database's clock, as LIVE_SQL).
      const held = instant !== wanted && instant.getTime() > (await this.stories.now(tx)).getTime();
      const missing = await this.readinessProblems(row, tx, scheduled || held ? instant : new Date());
      if (missing.length) throw new ValidationError(missing, 'This story is not ready to publish.');
      return { columns: { status: scheduled || held ? 'scheduled' : 'published', published_at: instant } };
    });
    return this.get(id);
  }

  /**
   * Sets or lifts (null) the embargo. A new embargo must be in the future (the database's clock). A
   * published or scheduled story whose publication is earlier is moved to the embargo instant,
   * scheduled: a live story leaves every public output at once (StoryWriter.announce raises
   * story.unpublished now and story.published at the embargo). Lifting an embargo never moves the
   * publication back.
   */
  async embargo(id: string, input: EmbargoStoryInput, actor: Principal): Promise<Story> {
    const until = input.embargoUntil === null ? null : new Date(input.embargoUntil);
    await this.writer.write(id, input.version, actor, 'embargo', async (row, tx) => {
      if (until === null) return { columns: { embargo_until: null } };
      const now = await this.stories.now(tx);
      if (until.getTime() <= now.getTime())
        throw new ValidationError([{ field: 'embargoUntil', message: 'An embargo must be in the future (send null to lift it)' }]);
      const live = row.status === 'published' || row.status === 'scheduled';
      if (!live || (row.published_at && row.published_at.getTime() >= until.getTime())) return { columns: { embargo_until: until } };
      const missing = await this.readinessProblems(row, tx, until);
      if (missing.length) throw new ValidationError(missing, 'This story cannot be published at the embargo instant.');
      return { columns: { embargo_until: until, status: 'scheduled', published_at: until } };
    });
    return this.get(id);
  }

  /**
   * Publishing needs a headline, a slug, at least one byline, and alt text and a credit on every
   * image; a broadcast piece also needs its primary audio playable and available at `instant` (the
   * publication instant: streamable, inside its window; audio/audio-live.ts); and, when the newsroom
   * setting says 'block', no unverified "(ph)" spelling in the transcript.
   */
  private async readinessProblems(row: StoryRow, tx: EntityManager, instant: Date): Promise<FieldError[]> {
    const problems: FieldError[] = [];
    if (!row.headline.trim()) problems.push({ field: 'headline', message: 'A headline is required to publish' });
    if (!row.slug) problems.push({ field: 'slug', message: 'A slug is required to publish' });
    if (!(await this.stories.hasByline(tx, row.id)))
      problems.push({ field: 'bylineIds', message: 'At least one byline is required to publish' });
    for (const image of imagesMissingAltOrCredit(row.body as RichTextDoc)) {
      problems.push({
        field: 'body',
        message: `The image ${image.src} needs ${image.missing.map((m) => (m === 'alt' ? 'alt text' : 'a credit')).join(' and ')}`,
      });
    }
    // The lead photo: alt text, credit and ready renditions (the same rule as a profile's photo).
    const lead = row.lead_image_id as string | null | undefined;
    const leadProblem = lead ? await this.media.leadImageProblem(tx, lead) : null;
    if (leadProblem) problems.push({ field: 'leadImageId', message: leadProblem });
    // Uploaded images also need their renditions (the same rule as a profile's photo: media.service.ts missingImageFields).
    for (const problem of await this.media.bodyRenditionProblems(tx, bodyMediaIds(row.body as RichTextDoc)))
      problems.push({ field: 'body', message: problem });
    if (row.broadcast === true) {
      const primary = await this.stories.primaryAudio(tx, row.id);
      if (!primary) problems.push({ field: 'audio', message: 'A broadcast piece needs its primary audio to publish' });
      else if (!primary.playable)
        problems.push({ field: 'audio', message: 'The primary audio is not playable yet (no ready playable rendition)' });
      else if (!isAudioAvailable(primary, instant))
        problems.push({
          field: 'audio',
          message: primary.streamable
            ? `The primary audio is outside its availability window at ${instant.toISOString()}`
            : 'The primary audio is not streamable',
        });
    }
    // Unverified "(ph)" spellings, when the newsroom setting blocks publishing on them (transcripts/spelling-desk.service.ts).
    problems.push(...(await this.spellings.publishProblems(tx, row.id)));
    return problems;
  }

  async unpublish(id: string, version: number, actor: Principal): Promise<Story> {
    await this.writer.write(id, version, actor, 'unpublish', async (row) => {
      assertTransition('unpublish', row);
      // A schedule that never happened leaves no publication time behind.
      const neverLive = row.status === 'scheduled' && row.published_at && row.published_at > new Date();
      return { columns: { status: neverLive ? 'draft' : 'unpublished', ...(neverLive ? { published_at: null } : {}) } };
    });
    return this.get(id);
  }

  /** A correction on a published story: shown to readers; updatedAt moves, publishedAt does not. */
  async correct(id: string, input: CreateCorrectionInput, actor: Principal): Promise<Story> {
    await this.writer.write(id, input.version, actor, 'correct', async (row, tx) => {
      if (!isLive(row.status, row.published_at)) {
        throw new ConflictError('Corrections are for published stories; edit the draft instead.');
      }
      await this.stories.addCorrection(tx, id, input.text, actor.userId);
      return { touchesPublicStory: true };
    });
    return this.get(id);
  }

  /** Restores revision n's content as a new save (itself a new revision). */
  async restore(id: string, n: number, version: number, actor: Principal): Promise<Story> {
    await this.applyRevision(id, n, version, actor);
    return this.get(id);
  }

  /**
   * Writes revision n's content over the story as a new save at `version` (restore). With `tx`,
   * inside the caller's transaction: the preview of a revision (StoryPreviewService) applies it so,
   * then rolls back.
   */
  async applyRevision(id: string, n: number, version: number, actor: Principal, tx?: EntityManager): Promise<void> {
    // A revision never changes: read before the write, so its transcript's speakers are locked before the story.
    const { snapshot } = await this.revisions.get(id, n, tx);
    const { bylineIds, tagIds, transcript: saved, audio, audioUrl, audioDurationSeconds, ...content } = snapshot;
    const transcript = transcriptFromSnapshot(saved);
    // A revision from before audio assets has only the old fields: its audioUrl becomes the (only) audio again.
    const audioChange: AudioChange = audio
      ? { items: audio }
      : audioUrl
        ? { legacy: { url: audioUrl, durationSeconds: audioDurationSeconds ?? null }, userId: actor.userId, only: true }
        : { items: [] };
    await this.writer.write(
      id,
      version,
      actor,
      'restore',
      async (row, tx) => {
        await this.assertLeadImage(tx, content.leadImageId, row.status === 'published' || row.status === 'scheduled');
        return {
          columns: await withBodyImages(
            contentColumns({
              broadcast: false,
              episodeSeason: null,
              episodeNumber: null,
              episodeType: 'full',
              leadImageId: null,
              ...content,
            }),
            this.media,
          ),
          tagIds,
          bylineIds,
          transcript,
          audio: audioChange,
          reason: `restore of revision ${n}`,
        };
      },
      { transcript, ...(tx ? { tx } : {}) },
    );
  }

  remove(id: string, version: number, actor: Principal): Promise<void> {
    return this.writer.remove(id, version, actor);
  }
}
