import {
  MaterializeResultSchema, ProgramListSchema, ProgramSchema, PublicNowNextSchema, RecurrenceListSchema, RecurrenceSchema,
  RundownSchema, SegmentSchema, SlotListSchema, StationListSchema, StationScheduleSchema, StationSchema,
  type CreateProgramInput, type CreateRecurrenceInput, type CreateSegmentInput, type CreateStationInput, type MaterializeResult,
  type MaterializeSlotsInput, type Program, type ProgramList, type PublicNowNext, type Recurrence, type RecurrenceList,
  type Rundown, type SaveRundownInput, type Segment, type SlotList, type Station, type StationList, type StationSchedule,
  type UpdateRecurrenceInput, type UpdateSegmentInput, type UpdateStationInput,
} from '@newsdesk/contracts';
import type { z } from 'zod';
import type { Method, Query } from './api';

/** The shape of createApi's request function, as the schedule's endpoints use it. */
export interface ScheduleRequest {
  <S extends z.ZodType>(method: Method, path: string, options: { body?: unknown; query?: Query; schema: S }): Promise<z.output<S>>;
  (method: Method, path: string, options?: { body?: unknown; query?: Query }): Promise<void>;
}

const at = (base: string, id: string, rest = '') => `${base}/${encodeURIComponent(id)}${rest}`;

/** Stations, programs, segments, rundowns and recurring slots (mixed into the typed client by createApi). */
export function scheduleEndpoints(request: ScheduleRequest) {
  return {
    listStations: (): Promise<StationList> => request('GET', '/stations', { schema: StationListSchema }),
    createStation: (input: CreateStationInput): Promise<Station> => request('POST', '/stations', { body: input, schema: StationSchema }),
    updateStation: (id: string, input: UpdateStationInput): Promise<Station> => request('PATCH', at('/stations', id), { body: input, schema: StationSchema }),
    stationSchedule: (id: string, from: string, to?: string): Promise<StationSchedule> =>
      request('GET', at('/stations', id, '/schedule'), { query: { from, to }, schema: StationScheduleSchema }),
    listSlots: (stationId: string, from: string, days = 7): Promise<SlotList> =>
      request('GET', at('/stations', stationId, '/slots'), { query: { from, days }, schema: SlotListSchema }),
    materializeSlots: (stationId: string, input: MaterializeSlotsInput): Promise<MaterializeResult> =>
      request('POST', at('/stations', stationId, '/slots/materialize'), { body: input, schema: MaterializeResultSchema }),

    listPrograms: (): Promise<ProgramList> => request('GET', '/programs', { schema: ProgramListSchema }),
    createProgram: (input: CreateProgramInput): Promise<Program> => request('POST', '/programs', { body: input, schema: ProgramSchema }),
    listRecurrences: (query: { stationId?: string; programId?: string }): Promise<RecurrenceList> =>
      request('GET', '/recurrences', { query, schema: RecurrenceListSchema }),
    createRecurrence: (programId: string, input: CreateRecurrenceInput): Promise<Recurrence> =>
      request('POST', at('/programs', programId, '/recurrences'), { body: input, schema: RecurrenceSchema }),
    updateRecurrence: (id: string, input: UpdateRecurrenceInput): Promise<Recurrence> =>
      request('PATCH', at('/recurrences', id), { body: input, schema: RecurrenceSchema }),
    deleteRecurrence: (id: string, version: number): Promise<void> => request('DELETE', at('/recurrences', id), { query: { version } }),

    getSegment: (id: string): Promise<Segment> => request('GET', at('/segments', id), { schema: SegmentSchema }),
    createSegment: (input: CreateSegmentInput): Promise<Segment> => request('POST', '/segments', { body: input, schema: SegmentSchema }),
    updateSegment: (id: string, input: UpdateSegmentInput): Promise<Segment> => request('PATCH', at('/segments', id), { body: input, schema: SegmentSchema }),
    deleteSegment: (id: string, version: number): Promise<void> => request('DELETE', at('/segments', id), { query: { version } }),
    getRundown: (segmentId: string): Promise<Rundown> => request('GET', at('/segments', segmentId, '/rundown'), { schema: RundownSchema }),
    saveRundown: (segmentId: string, input: SaveRundownInput): Promise<Rundown> =>
      request('PUT', at('/segments', segmentId, '/rundown'), { body: input, schema: RundownSchema }),

    /** The public strip, as listeners see it. */
    nowNext: (callSign: string, when?: string): Promise<PublicNowNext> =>
      request('GET', at('/public/stations', callSign, '/now-next'), { query: { at: when }, schema: PublicNowNextSchema }),
  };
}
