import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateTagSchema, IdParamSchema, ListTagsQuerySchema, MergeTagSchema, UpdateTagSchema,
  type CreateTagInput, type ListTagsQuery, type MergeTagInput, type Tag, type TagPage, type TagSuggestionList, type UpdateTagInput,
} from '@newsdesk/contracts';
import { DataSource } from 'typeorm';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { NotFoundError } from '../common/errors.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { suggestTags, type CandidateTag } from './tag-suggestions.js';
import { TagsService } from './tags.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api')
export class TagsController {
  constructor(
    private readonly tags: TagsService,
    private readonly db: DataSource,
  ) {}

  @Can('story.read')
  @Get('tags')
  list(@Query(new ZodPipe(ListTagsQuerySchema)) query: ListTagsQuery): Promise<TagPage> {
    return this.tags.list(query);
  }

  @Can('story.write')
  @Post('tags')
  create(@Body(new ZodPipe(CreateTagSchema)) body: CreateTagInput, @CurrentPrincipal() user: Principal): Promise<Tag> {
    return this.tags.create(body, user);
  }

  @Can('story.read')
  @Get('tags/:id')
  get(@Param(id) params: { id: string }): Promise<Tag> {
    return this.tags.get(params.id);
  }

  @Can('story.write')
  @Patch('tags/:id')
  update(@Param(id) params: { id: string }, @Body(new ZodPipe(UpdateTagSchema)) body: UpdateTagInput, @CurrentPrincipal() user: Principal): Promise<Tag> {
    return this.tags.update(params.id, body, user);
  }

  @Can('story.write')
  @Post('tags/:id/merge')
  @HttpCode(200)
  merge(@Param(id) params: { id: string }, @Body(new ZodPipe(MergeTagSchema)) body: MergeTagInput, @CurrentPrincipal() user: Principal): Promise<Tag> {
    return this.tags.merge(params.id, body, user);
  }

  /** Existing tags whose name or alias occurs in the story as saved, best first; the story's own tags left out. */
  @Can('story.read')
  @Post('stories/:id/tag-suggestions')
  @HttpCode(200)
  async suggestions(@Param(id) params: { id: string }): Promise<TagSuggestionList> {
    const [story]: Array<{ headline: string; teaser: string; body_text: string; transcript_text: string; tag_ids: string[] }> = await this.db.query(
      `SELECT headline, teaser, body_text, transcript_text, ARRAY(SELECT tag_id FROM story_tags WHERE story_id = s.id) AS tag_ids FROM stories s WHERE id = $1`,
      [params.id],
    );
    if (!story) throw new NotFoundError('Story');
    const candidates: CandidateTag[] = await this.db.query(`SELECT id, slug, name, type, aliases FROM tags`);
    const texts = { headline: story.headline, teaser: story.teaser, body: story.body_text, transcript: story.transcript_text };
    return { items: suggestTags(texts, candidates, new Set(story.tag_ids)) };
  }
}
