import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateTagSchema,
  IdParamSchema,
  ListTagsQuerySchema,
  MergeTagSchema,
  UpdateTagSchema,
  type CreateTagInput,
  type ListTagsQuery,
  type MergeTagInput,
  type Tag,
  type TagPage,
  type TagSuggestionList,
  type UpdateTagInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { TagsService } from './tags.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

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
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateTagSchema)) body: UpdateTagInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Tag> {
    return this.tags.update(params.id, body, user);
  }

  @Can('story.write')
  @Post('tags/:id/merge')
  @HttpCode(200)
  merge(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(MergeTagSchema)) body: MergeTagInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Tag> {
    return this.tags.merge(params.id, body, user);
  }

  /** Existing tags whose name or alias occurs in the story as saved, best first; the story's own tags left out. */
  @Can('story.read')
  @Post('stories/:id/tag-suggestions')
  @HttpCode(200)
  suggestions(@Param(id) params: { id: string }): Promise<TagSuggestionList> {
    return this.tags.suggestionsFor(params.id);
  }
}
