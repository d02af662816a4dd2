import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateStorySchema, IdParamSchema, ListStoriesQuerySchema, PublishStorySchema, StoryTransitionSchema, UpdateStorySchema,
  type CreateStoryInput, type ListStoriesQuery, type PublishStoryInput, type Story, type StoryPage, type UpdateStoryInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { StoriesService } from './stories.service.js';

const id = new ZodPipe(IdParamSchema);
const DeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

@Controller('api/stories')
export class StoriesController {
  constructor(private readonly stories: StoriesService) {}

  @Can('story.read')
  @Get()
  list(@Query(new ZodPipe(ListStoriesQuerySchema)) query: ListStoriesQuery): Promise<StoryPage> {
    return this.stories.list(query);
  }

  @Can('story.write')
  @Post()
  create(@Body(new ZodPipe(CreateStorySchema)) body: CreateStoryInput, @CurrentPrincipal() user: Principal): Promise<Story> {
    return this.stories.create(body, user);
  }

  @Can('story.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Story> {
    return this.stories.get(params.id);
  }

  @Can('story.write')
  @Patch(':id')
  update(@Param(id) params: { id: string }, @Body(new ZodPipe(UpdateStorySchema)) body: UpdateStoryInput, @CurrentPrincipal() user: Principal): Promise<Story> {
    return this.stories.update(params.id, body, user);
  }

  @Can('story.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param(id) params: { id: string }, @Query(new ZodPipe(DeleteQuerySchema)) query: { version: number }, @CurrentPrincipal() user: Principal): Promise<void> {
    await this.stories.remove(params.id, query.version, user);
  }

  @Can('story.publish')
  @Post(':id/publish')
  @HttpCode(200)
  publish(@Param(id) params: { id: string }, @Body(new ZodPipe(PublishStorySchema)) body: PublishStoryInput, @CurrentPrincipal() user: Principal): Promise<Story> {
    return this.stories.publish(params.id, body, user);
  }

  @Can('story.publish')
  @Post(':id/unpublish')
  @HttpCode(200)
  unpublish(@Param(id) params: { id: string }, @Body(new ZodPipe(StoryTransitionSchema)) body: { version: number }, @CurrentPrincipal() user: Principal): Promise<Story> {
    return this.stories.unpublish(params.id, body.version, user);
  }
}
