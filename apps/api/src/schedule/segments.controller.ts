import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  CreateSegmentSchema,
  IdParamSchema,
  ListSegmentsQuerySchema,
  SaveRundownSchema,
  ScheduleDeleteQuerySchema,
  UpdateSegmentSchema,
  type CreateSegmentInput,
  type ListSegmentsQuery,
  type Rundown,
  type SaveRundownInput,
  type Segment,
  type SegmentPage,
  type UpdateSegmentInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { RundownsService } from './rundowns.service.js';
import { SegmentsService } from './segments.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api/segments')
export class SegmentsController {
  constructor(
    private readonly segments: SegmentsService,
    private readonly rundowns: RundownsService,
  ) {}

  @Can('schedule.read')
  @Get()
  list(@Query(new ZodPipe(ListSegmentsQuerySchema)) query: ListSegmentsQuery): Promise<SegmentPage> {
    return this.segments.list(query);
  }

  @Can('schedule.write')
  @Post()
  create(@Body(new ZodPipe(CreateSegmentSchema)) body: CreateSegmentInput, @CurrentPrincipal() user: Principal): Promise<Segment> {
    return this.segments.create(body, user);
  }

  @Can('schedule.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Segment> {
    return this.segments.get(params.id);
  }

  @Can('schedule.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateSegmentSchema)) body: UpdateSegmentInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Segment> {
    return this.segments.update(params.id, body, user);
  }

  @Can('schedule.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(ScheduleDeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.segments.remove(params.id, query.version, user);
  }

  @Can('schedule.read')
  @Get(':id/rundown')
  rundown(@Param(id) params: { id: string }): Promise<Rundown> {
    return this.rundowns.get(params.id);
  }

  @Can('schedule.write')
  @Put(':id/rundown')
  saveRundown(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(SaveRundownSchema)) body: SaveRundownInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Rundown> {
    return this.rundowns.save(params.id, body, user);
  }
}
