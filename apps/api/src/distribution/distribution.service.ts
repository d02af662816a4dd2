import { Inject, Injectable } from '@nestjs/common';
import {
  defined,
  cdsBiographyDocument,
  cdsChecks,
  cdsStoryDocument,
  outputFiles,
  type CdsDocument,
  type CdsStorySource,
  type CreateDestinationInput,
  type Delivery,
  type DeliveryPage,
  type Destination,
  type DistributionSettings,
  type StoryDistribution,
  type UpdateDestinationInput,
  type UpdateDistributionSettingsInput,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ConflictError, NotFoundError } from '../common/errors.js';
import { VersionedWriter } from '../common/versioned-write.js';
import { CONFIG, type Config } from '../config.js';
import { DistributionRepository, type StorySourceRow } from './distribution.repository.js';
import type { Db } from '../common/db.js';

/** Body images of a rich-text document: src, alt, credit, title (caption), in order. */
function bodyImages(doc: unknown): Array<{ src: string; alt: string; credit: string; caption: string }> {
  const found: Array<{ src: string; alt: string; credit: string; caption: string }> = [];
  const walk = (nodes: unknown) => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as Array<{ type?: string; attrs?: Record<string, unknown>; content?: unknown }>) {
      if (node?.type === 'image' && node.attrs && typeof node.attrs.src === 'string') {
        const text = (key: string) => (typeof node.attrs?.[key] === 'string' ? (node.attrs[key] as string) : '');
        found.push({ src: node.attrs.src.trim(), alt: text('alt'), credit: text('credit'), caption: text('title') });
      }
      walk(node?.content);
    }
  };
  walk((doc as { content?: unknown } | null)?.content);
  return found;
}

/**
 * CDS documents and checks (the mapping itself is the contracts' pure cdsStoryDocument), the
 * station's CDS settings, destinations, and what each story's deliveries say.
 */
@Injectable()
export class DistributionService {
  constructor(
    @Inject(CONFIG) private readonly config: Config,
    private readonly db: DataSource,
    private readonly repository: DistributionRepository,
    private readonly versioned: VersionedWriter,
  ) {}

  /** The canonical (readers') URL of a story: STORY_URL_TEMPLATE. */
  storyUrl(slug: string): string {
    return this.config.STORY_URL_TEMPLATE.replace('{slug}', encodeURIComponent(slug));
  }

  /** The feed WebSub hubs are told about. */
  feedUrl(): string {
    return `${this.config.PUBLIC_API_URL}/api/public/feeds/latest.rss`;
  }

  /** A story's CDS source with absolute URLs (null: no such story). */
  async source(id: string, db?: Db): Promise<(CdsStorySource & { row: StorySourceRow }) | null> {
    const row = await this.repository.storySource(id, this.config.PUBLIC_API_URL, db);
    if (!row) return null;
    const api = this.config.PUBLIC_API_URL;
    const absolute = (src: string) => (/^https?:\/\//i.test(src) ? src : `${api}${src.startsWith('/') ? '' : '/'}${src}`);
    return {
      row,
      id: row.id,
      slug: row.slug,
      headline: row.headline,
      teaser: row.teaser,
      bodyHtml: row.body_html,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      recommendUntil: row.recommend_until,
      canonicalUrl: this.storyUrl(row.slug),
      bylines: row.bylines,
      corrections: row.corrections,
      audio: row.audio.map((item) => ({ ...item, durationSeconds: item.durationSeconds === null ? null : Number(item.durationSeconds) })),
      transcriptUrl: row.has_transcript ? `${api}/api/public/stories/${encodeURIComponent(row.slug)}/transcript.html` : null,
      images: bodyImages(row.body).map((image) => ({
        url: absolute(image.src),
        alt: image.alt,
        credit: image.credit,
        caption: image.caption,
        contentType: null,
      })),
      leadImage: row.lead_image && {
        alt: row.lead_image.alt,
        credit: row.lead_image.credit,
        caption: row.lead_image.caption,
        files: outputFiles(row.lead_image, api),
      },
      tags: row.tags,
      program: row.program,
    };
  }

  /** The CDS document of a story; 404 when missing; 409 when no prefix is configured (no id can be made). */
  async storyDocument(id: string, db?: Db): Promise<CdsDocument> {
    const [source, settings] = await Promise.all([this.source(id, db), this.repository.settings(db)]);
    if (!source) throw new NotFoundError('Story');
    if (!settings.cdsPrefix) throw new ConflictError('No CDS document id prefix is configured (Settings → Distribution).');
    return cdsStoryDocument(source, { prefix: settings.cdsPrefix, serviceId: settings.cdsServiceId });
  }

  async biographyDocument(id: string): Promise<CdsDocument> {
    const [row, settings] = await Promise.all([this.repository.biography(id), this.repository.settings()]);
    if (!row) throw new NotFoundError('Published correspondent profile');
    if (!settings.cdsPrefix) throw new ConflictError('No CDS document id prefix is configured (Settings → Distribution).');
    return cdsBiographyDocument(
      {
        id: row.id,
        name: row.name,
        title: row.title,
        bioText: row.bio_html
          .replace(/<[^>]*>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
        canonicalUrl: `${this.config.PUBLIC_API_URL}/api/public/correspondents/${encodeURIComponent(row.slug)}`,
        storyIds: row.story_ids,
      },
      { prefix: settings.cdsPrefix, serviceId: settings.cdsServiceId },
    );
  }

  /** Per destination the latest delivery, the story's deliveries, and the CDS checks. */
  async story(id: string): Promise<StoryDistribution> {
    const [source, settings, destinations, deliveries] = await Promise.all([
      this.source(id),
      this.repository.settings(),
      this.repository.destinations(),
      this.repository.storyDeliveries(id),
    ]);
    if (!source) throw new NotFoundError('Story');
    return {
      destinations: destinations.map((row) => ({
        destination: DistributionRepository.toDestination(row),
        latest: deliveries.find((delivery) => delivery.destination.id === row.id && delivery.state !== 'superseded') ?? null,
      })),
      deliveries,
      checks: cdsChecks(source, { prefix: settings.cdsPrefix, serviceId: settings.cdsServiceId }),
    };
  }

  failed(limit: number): Promise<DeliveryPage> {
    return this.repository.failed(limit);
  }

  async resend(id: string, actor: Principal): Promise<Delivery> {
    const done = await this.db.transaction((tx) => this.repository.resend(tx, id, actor.name || actor.email));
    if (!done) {
      if (!(await this.repository.deliveryState(id))) throw new NotFoundError('Delivery');
      throw new ConflictError('Only a failed delivery can be resent.');
    }
    return defined(await this.repository.delivery(id), 'the delivery just resent');
  }

  // --- settings and destinations (admins) --------------------------------------------------------

  settings(): Promise<DistributionSettings> {
    return this.repository.settings();
  }

  async updateSettings(input: UpdateDistributionSettingsInput, actor: Principal): Promise<DistributionSettings> {
    await this.versioned.write({
      what: 'distribution settings',
      version: input.version,
      lock: (tx) => this.repository.lockSettings(tx),
      apply: async (tx, row) => {
        const prefix = input.cdsPrefix === undefined ? row.cdsPrefix : input.cdsPrefix;
        const serviceId = input.cdsServiceId === undefined ? row.cdsServiceId : input.cdsServiceId;
        await this.repository.updateSettings(tx, prefix, serviceId);
        return { before: row, after: { cdsPrefix: prefix, cdsServiceId: serviceId } };
      },
      audit: (_, { before, after }) => ({
        actor,
        action: 'update',
        entity: 'distribution_settings',
        entityId: null,
        diff: { cdsPrefix: [before.cdsPrefix, after.cdsPrefix], cdsServiceId: [before.cdsServiceId, after.cdsServiceId] },
      }),
    });
    return this.repository.settings();
  }

  async destinations(): Promise<{ items: Destination[] }> {
    return { items: (await this.repository.destinations()).map(DistributionRepository.toDestination) };
  }

  async createDestination(input: CreateDestinationInput, actor: Principal): Promise<Destination> {
    const row = await this.versioned.create({
      entity: 'distribution_destination',
      actor,
      insert: (tx) =>
        this.repository.insertDestination(tx, {
          name: input.name,
          kind: input.kind,
          url: input.url,
          token: input.token ?? null,
          enabled: input.enabled ?? true,
        }),
      audited: ['name', 'kind', 'url', 'enabled'],
    });
    return DistributionRepository.toDestination(row);
  }

  async updateDestination(id: string, input: UpdateDestinationInput, actor: Principal): Promise<Destination> {
    const row = await this.versioned.write({
      what: 'destination',
      version: input.version,
      lock: (tx) => this.repository.lockDestination(tx, id),
      apply: async (tx) => {
        const columns: Record<string, unknown> = {};
        if (input.name !== undefined) columns.name = input.name;
        if (input.url !== undefined) columns.url = input.url;
        if (input.token !== undefined) columns.token = input.token;
        if (input.enabled !== undefined) columns.enabled = input.enabled;
        return this.repository.updateDestination(tx, id, columns);
      },
      audit: (before, after) => ({
        actor,
        action: 'update',
        entity: 'distribution_destination',
        entityId: id,
        diff: {
          ...(before.name !== after.name ? { name: [before.name, after.name] } : {}),
          ...(before.url !== after.url ? { url: [before.url, after.url] } : {}),
          ...(before.enabled !== after.enabled ? { enabled: [before.enabled, after.enabled] } : {}),
          ...(input.token !== undefined ? { token: ['(secret)', '(secret changed)'] } : {}),
        },
      }),
    });
    return DistributionRepository.toDestination(row);
  }

  async deleteDestination(id: string, version: number, actor: Principal): Promise<void> {
    await this.versioned.write({
      what: 'destination',
      version,
      lock: (tx) => this.repository.lockDestination(tx, id),
      apply: (tx) => this.repository.deleteDestination(tx, id),
      audit: (before) => ({
        actor,
        action: 'delete',
        entity: 'distribution_destination',
        entityId: id,
        diff: { name: [before.name, null], kind: [before.kind, null], url: [before.url, null] },
      }),
    });
  }
}
