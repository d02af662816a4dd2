import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import {
  IdParamSchema,
  ListRecurrencesQuerySchema,
  ScheduleDeleteQuerySchema,
  UpdateRecurrenceSchema,
  type ListRecurrencesQuery,
  type Recurrence,
  type RecurrenceList,
  type UpdateRecurrenceInput,
} from '@newsdesk/contracts';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { RecurrencesService } from './recurrences.service.js';

const id = new ZodPipe(IdParamSchema);

@Controller('api/recurrences')
export class RecurrencesController {
  constructor(private readonly recurrences: RecurrencesService) {}

  @Can('schedule.read')
  @Get()
  list(@Query(new ZodPipe(ListRecurrencesQuerySchema)) query: ListRecurrencesQuery): Promise<RecurrenceList> {
    return this.recurrences.list(query);
  }

  @Can('schedule.read')
  @Get(':id')
  get(@Param(id) params: { id: string }): Promise<Recurrence> {
    return this.recurrences.get(params.id);
  }

  @Can('schedule.write')
  @Patch(':id')
  update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdateRecurrenceSchema)) body: UpdateRecurrenceInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Recurrence> {
    return this.recurrences.update(params.id, body, user);
  }

  @Can('schedule.write')
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param(id) params: { id: string },
    @Query(new ZodPipe(ScheduleDeleteQuerySchema)) query: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.recurrences.remove(params.id, query.version, user);
  }
}
