import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import {
  IdParamSchema,
  PrepareRundownsSchema,
  RundownFromClockSchema,
  SaveClockSchema,
  TakeSchema,
  type AsRun,
  type Clock,
  type OnAirBlockList,
  type PrepareRundownsResult,
  type Rundown,
  type SaveClockInput,
  type StoryAiringList,
  type TakeInput,
  type TakeResult,
} from '@newsdesk/contracts';
import type { FastifyReply } from 'fastify';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SECURITY_HEADERS } from '../common/security-headers.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { asRunCsv, OnAirService } from './onair.service.js';
import { RundownsService } from './rundowns.service.js';

const id = new ZodPipe(IdParamSchema);

/** Producers on air (issue 20, docs/schedule.md "On air"): clocks, takes, the live stream, the as-run log. */
@Controller('api')
export class OnAirController {
  constructor(
    private readonly onair: OnAirService,
    private readonly rundowns: RundownsService,
  ) {}

  @Can('schedule.read')
  @Get('programs/:id/clock')
  clock(@Param(id) params: { id: string }): Promise<Clock> {
    return this.onair.clock(params.id);
  }

  @Can('schedule.write')
  @Put('programs/:id/clock')
  saveClock(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(SaveClockSchema)) body: SaveClockInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<Clock> {
    return this.onair.saveClock(params.id, body, user);
  }

  @Can('schedule.write')
  @Post('segments/:id/rundown/from-clock')
  @HttpCode(200)
  fromClock(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(RundownFromClockSchema)) body: { version: number },
    @CurrentPrincipal() user: Principal,
  ): Promise<Rundown> {
    return this.rundowns.fromClock(params.id, body.version, user);
  }

  @Can('schedule.write')
  @Post('rundowns/prepare')
  @HttpCode(200)
  prepare(@Body(new ZodPipe(PrepareRundownsSchema)) body: { hours?: number }): Promise<PrepareRundownsResult> {
    return this.onair.prepare(body.hours ?? 48);
  }

  @Can('schedule.read')
  @Get('rundowns/on-air')
  onAir(@CurrentPrincipal() user: Principal): Promise<OnAirBlockList> {
    return this.onair.onAir(user);
  }

  @Can('schedule.write')
  @Post('segments/:id/rundown/take')
  @HttpCode(200)
  take(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(TakeSchema)) body: TakeInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<TakeResult> {
    return this.rundowns.take(params.id, body, user);
  }

  /**
   * Server-Sent Events: a `rundown` event at once and after every take or save (from any API
   * process, through LISTEN), a comment every 15 s. Written on the raw response, as presence's.
   */
  @Can('schedule.read')
  @Get('segments/:id/rundown/stream')
  async stream(@Param(id) params: { id: string }, @Res() reply: FastifyReply): Promise<void> {
    let leave: (() => void) | null = null;
    const raw = reply.raw;
    const write = (text: string) => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(text);
    };
    let opened = false;
    const open = () => {
      if (opened) return;
      opened = true;
      reply.hijack();
      raw.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store, no-transform',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 2000\n\n');
    };
    leave = await this.onair.attach(params.id, {
      rundown: (rundown) => {
        open();
        write(`event: rundown\ndata: ${JSON.stringify(rundown)}\n\n`);
      },
      heartbeat: () => write(': heartbeat\n\n'),
      end: () => raw.end(),
    });
    raw.on('close', () => leave?.());
    if (raw.destroyed) leave();
  }

  @Can('schedule.read')
  @Get('segments/:id/as-run')
  asRun(@Param(id) params: { id: string }): Promise<AsRun> {
    return this.onair.asRun(params.id);
  }

  @Can('schedule.read')
  @Get('segments/:id/as-run.csv')
  @Header('Cache-Control', 'no-store')
  async asRunCsv(@Param(id) params: { id: string }, @Res() reply: FastifyReply): Promise<void> {
    const log = await this.onair.asRun(params.id);
    await reply
      .header('Content-Type', 'text/csv; charset=utf-8; header=present')
      .header('Content-Disposition', `attachment; filename="as-run-${log.stationCallSign}-${params.id}.csv"`)
      .send(asRunCsv(log));
  }

  @Can('story.read')
  @Get('stories/:id/airings')
  airings(@Param(id) params: { id: string }): Promise<StoryAiringList> {
    return this.onair.airings(params.id);
  }
}
