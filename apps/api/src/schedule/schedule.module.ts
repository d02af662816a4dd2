import { OnAirController } from './onair.controller.js';
import { OnAirRepository } from './onair.repository.js';
import { OnAirService } from './onair.service.js';
import { ProgramsController } from './programs.controller.js';
import { ProgramsService } from './programs.service.js';
import { RecurrencesController } from './recurrences.controller.js';
import { RecurrencesService } from './recurrences.service.js';
import { RundownsService } from './rundowns.service.js';
import { RundownsRepository } from './rundowns.repository.js';
import { ScheduleRepository } from './schedule.repository.js';
import { SegmentsController } from './segments.controller.js';
import { SegmentsService } from './segments.service.js';
import { SlotsService } from './slots.service.js';
import { StationsController } from './stations.controller.js';
import { StationsService } from './stations.service.js';

/**
 * The schedule feature's controllers and providers, registered by AppModule.create (the app wires
 * every feature into one module so the router test can walk all controllers).
 */
export const SCHEDULE_CONTROLLERS = [StationsController, ProgramsController, SegmentsController, RecurrencesController, OnAirController];
export const SCHEDULE_PROVIDERS = [
  ScheduleRepository,
  RundownsRepository,
  StationsService,
  ProgramsService,
  SegmentsService,
  RundownsService,
  RecurrencesService,
  SlotsService,
  OnAirRepository,
  OnAirService,
];
