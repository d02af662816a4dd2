import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  CreateCorrectionSchema,
  CreateStorySchema,
  EmbargoStorySchema,
  IdParamSchema,
  IdSchema,
  ListStoriesQuerySchema,
  PublishStorySchema,
  RevisionDiffQuerySchema,
  StoryPreviewQuerySchema,
  StoryTransitionSchema,
  UpdateStorySchema,
  type CreateCorrectionInput,
  type CreateStoryInput,
  type Dashboard,
  type EmbargoStoryInput,
  type ListStoriesQuery,
  type PublishStoryInput,
  type Revision,
  type RevisionDiff,
  type RevisionList,
  type Story,
  type StoryPage,
  type StoryPreview,
  type StoryPreviewQuery,
  type UpdateStoryInput,
} from '@newsdesk/contracts';
import { z } from 'zod';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { RevisionsService } from './revisions.service.js';
import { StoriesService } from './stories.service.js';
import { StoryPreviewService } from './story-preview.service.js';

const id = new ZodPipe(IdParamSchema);
const revision = new ZodPipe(z.object({ id: IdSchema, n: z.coerce.number().int().min(1).max(1_000_000) }));
const transition = new ZodPipe(StoryTransitionSchema);
const DeleteQuerySchema = z.object({ version: z.coerce.number().int().min(1) });

@Controller('api/stories')
export class StoriesController {
  constructor(
    private readonly stories: StoriesService,
    private readonly revisions: RevisionsService,
    private readonly previews: StoryPreviewService,
  ) {}

  @Can('story.read')
  @Get()
  list(@Query(new ZodPipe(ListStoriesQuerySchema)) query: ListStoriesQuery, @CurrentPrincipal() user: Principal): Promise<StoryPage> {
    return this.stories.list(query, user);
  }

  @Can('story.read')
  @Get('dashboard')
  dashboard(@CurrentPrincipal() user: Principal): Promise<Dashboard> {
    return this.stories.dashboard(user);
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

  /** The story as readers will get it, in any state: staff only, never cached, never indexed. */
  @Can('story.read')
  @Get(':id/preview')
  @Header('Cache-Control', 'no-store')
  @Header('X-Robots-Tag', 'noindex')
  preview(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(StoryPreviewQuerySchema)) query: StoryPreviewQuery,
    @CurrentPrincipal() user: Principal,
  ): Promise<StoryPreview> {
    return this.previews.preview(params.id, query.revision, user);
  }

  @Can('story.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateStorySchema)) body: UpdateStoryInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.update(params.id, body, user);
  }

  @Can('story.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(DeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.stories.remove(params.id, query.version, user);
  }

  @Can('story.write')
  @Post(':id/submit')
  @HttpCode(200)
  submit(
    @Param(id) params: { id: string },
    @Body(transition) body: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.submit(params.id, body.version, user);
  }

  @Can('story.write')
  @Post(':id/return-to-draft')
  @HttpCode(200)
  returnToDraft(
    @Param(id) params: { id: string },
    @Body(transition) body: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.returnToDraft(params.id, body.version, user);
  }

  @Can('story.publish')
  @Post(':id/publish')
  @HttpCode(200)
  publish(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(PublishStorySchema)) body: PublishStoryInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.publish(params.id, body, user);
  }

  @Can('story.publish')
  @Put(':id/embargo')
  embargo(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(EmbargoStorySchema)) body: EmbargoStoryInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.embargo(params.id, body, user);
  }

  @Can('story.publish')
  @Post(':id/unpublish')
  @HttpCode(200)
  unpublish(
    @Param(id) params: { id: string },
    @Body(transition) body: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.unpublish(params.id, body.version, user);
  }

  @Can('story.publish')
  @Post(':id/corrections')
  @HttpCode(201)
  correct(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CreateCorrectionSchema)) body: CreateCorrectionInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.correct(params.id, body, user);
  }

  @Can('story.read')
  @Get(':id/revisions')
  listRevisions(@Param(id) params: { id: string }): Promise<RevisionList> {
    return this.revisions.list(params.id);
  }

  @Can('story.read')
  @Get(':id/revisions/diff')
  diff(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(RevisionDiffQuerySchema)) query: { from: number; to: number },
  ): Promise<RevisionDiff> {
    return this.revisions.diff(params.id, query.from, query.to);
  }

  @Can('story.read')
  @Get(':id/revisions/:n')
  getRevision(@Param(revision) params: { id: string; n: number }): Promise<Revision> {
    return this.revisions.get(params.id, params.n);
  }

  @Can('story.write')
  @Post(':id/revisions/:n/restore')
  @HttpCode(200)
  restore(
    @Param(revision) params: { id: string; n: number },
    @Body(transition) body: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<Story> {
    return this.stories.restore(params.id, params.n, body.version, user);
  }
}
