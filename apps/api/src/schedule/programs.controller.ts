import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  CreateProgramSchema,
  CreateRecurrenceSchema,
  IdParamSchema,
  ScheduleDeleteQuerySchema,
  UpdateProgramSchema,
  type CreateProgramInput,
  type CreateRecurrenceInput,
  type Program,
  type ProgramList,
  type Recurrence,
  type RecurrenceList,
  type UpdateProgramInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { ProgramsService } from './programs.service.js';
import { RecurrencesService } from './recurrences.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api/programs')
export class ProgramsController {
  constructor(
    private readonly programs: ProgramsService,
    private readonly recurrences: RecurrencesService,
  ) {}

  @Can('schedule.read')
  @Get()
  list(): Promise<ProgramList> {
    return this.programs.list();
  }

  @Can('schedule.write')
  @Post()
  create(@Body(new ZodPipe(CreateProgramSchema)) body: CreateProgramInput, @CurrentPrincipal() user: Principal): Promise<Program> {
    return this.programs.create(body, user);
  }

  @Can('schedule.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Program> {
    return this.programs.get(params.id);
  }

  @Can('schedule.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateProgramSchema)) body: UpdateProgramInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Program> {
    return this.programs.update(params.id, body, user);
  }

  @Can('schedule.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(ScheduleDeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.programs.remove(params.id, query.version, user);
  }

  @Can('schedule.read')
  @Get(':id/recurrences')
  recurrencesOf(@Param(id) params: { id: string }): Promise<RecurrenceList> {
    return this.recurrences.listForProgram(params.id);
  }

  @Can('schedule.write')
  @Post(':id/recurrences')
  addRecurrence(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(CreateRecurrenceSchema)) body: CreateRecurrenceInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Recurrence> {
    return this.recurrences.create(params.id, body, user);
  }
}
