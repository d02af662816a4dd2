import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateStationSchema,
  IdParamSchema,
  MaterializeSlotsSchema,
  SlotWindowSchema,
  StationScheduleQuerySchema,
  UpdateStationSchema,
  type CreateStationInput,
  type MaterializeResult,
  type MaterializeSlotsInput,
  type SlotList,
  type SlotWindow,
  type Station,
  type StationList,
  type StationSchedule,
  type StationScheduleQuery,
  type UpdateStationInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { SegmentsService } from './segments.service.js';
import { SlotsService } from './slots.service.js';
import { StationsService } from './stations.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api/stations')
export class StationsController {
  constructor(
    private readonly stations: StationsService,
    private readonly segments: SegmentsService,
    private readonly slots: SlotsService,
  ) {}

  @Can('schedule.read')
  @Get()
  list(): Promise<StationList> {
    return this.stations.list();
  }

  @Can('schedule.write')
  @Post()
  create(@Body(new ZodPipe(CreateStationSchema)) body: CreateStationInput, @CurrentPrincipal() user: Principal): Promise<Station> {
    return this.stations.create(body, user);
  }

  @Can('schedule.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Station> {
    return this.stations.get(params.id);
  }

  @Can('schedule.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateStationSchema)) body: UpdateStationInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Station> {
    return this.stations.update(params.id, body, user);
  }

  @Can('schedule.read')
  @Get(':id/schedule')
  schedule(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(StationScheduleQuerySchema)) query: StationScheduleQuery,
  ): Promise<StationSchedule> {
    return this.segments.schedule(params.id, query);
  }

  @Can('schedule.read')
  @Get(':id/slots')
  listSlots(@Param(id) params: { id: string }, @Query(new ZodPipe(SlotWindowSchema)) query: SlotWindow): Promise<SlotList> {
    return this.slots.slots(params.id, query);
  }

  @Can('schedule.write')
  @Post(':id/slots/materialize')
  @HttpCode(200)
  materialize(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(MaterializeSlotsSchema)) body: MaterializeSlotsInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<MaterializeResult> {
    return this.slots.materialize(params.id, body, user);
  }
}
