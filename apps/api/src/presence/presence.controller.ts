import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  IdParamSchema,
  LockRequestSchema,
  PresenceTabQuerySchema,
  UpdatePresenceSchema,
  type LockRequest,
  type PresenceSnapshot,
  type PresenceTabQuery,
  type StoryLock,
  type UpdatePresenceInput,
} from '@newsdesk/contracts';
import type { FastifyReply } from 'fastify';
import { Can, CurrentPrincipal } from '../auth/can.decorator.js';
import type { Principal } from '../auth/principal.js';
import { SECURITY_HEADERS } from '../common/security-headers.js';
import { ZodPipe } from '../common/zod.pipe.js';
import { PresenceService } from './presence.service.js';

const id = new ZodPipe(IdParamSchema);
const tabQuery = new ZodPipe(PresenceTabQuerySchema);

/** Presence (who has a story open, typing where) and the story's soft lock; docs/presence.md. */
@Controller('api/stories/:id')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  /**
   * Server-Sent Events: the `presence` snapshot at once and on every change, a comment every 15 s.
   * The answer is written on the raw response (hijacked: Fastify sends nothing after it); closing
   * the connection removes the tab and releases its lock. `no-transform` keeps proxies (the admin's
   * Next server compresses otherwise) from buffering it.
   */
  @Can('story.read')
  @Get('presence/stream')
  async stream(
    @Param(id) params: { id: string },
    @Query(tabQuery) query: PresenceTabQuery,
    @CurrentPrincipal() user: Principal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.presence.join(params.id, query.tab, user);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 2000\n\n');
    const write = (text: string) => {
      if (!raw.destroyed && !raw.writableEnded) raw.write(text);
    };
    const leave = this.presence.attach(params.id, query.tab, {
      snapshot: (snapshot: PresenceSnapshot) => write(`event: presence\ndata: ${JSON.stringify(snapshot)}\n\n`),
      heartbeat: () => write(': heartbeat\n\n'),
      end: () => raw.end(),
    });
    raw.on('close', () => void leave());
    if (raw.destroyed) void leave();
  }

  @Can('story.read')
  @Get('presence')
  get(@Param(id) params: { id: string }): Promise<PresenceSnapshot> {
    return this.presence.get(params.id);
  }

  @Can('story.read')
  @Post('presence')
  @HttpCode(204)
  async update(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(UpdatePresenceSchema)) body: UpdatePresenceInput,
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.presence.update(params.id, body, user);
  }

  @Can('story.write')
  @Post('lock')
  @HttpCode(200)
  acquire(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(LockRequestSchema)) body: LockRequest,
    @CurrentPrincipal() user: Principal,
  ): Promise<StoryLock> {
    return this.presence.acquire(params.id, body.tab, user);
  }

  @Can('story.write')
  @Post('lock/take-over')
  @HttpCode(200)
  takeOver(
    @Param(id) params: { id: string },
    @Body(new ZodPipe(LockRequestSchema)) body: LockRequest,
    @CurrentPrincipal() user: Principal,
  ): Promise<StoryLock> {
    return this.presence.takeOver(params.id, body.tab, user);
  }

  @Can('story.write')
  @Delete('lock')
  @HttpCode(204)
  async release(
    @Param(id) params: { id: string },
    @Query(tabQuery) query: PresenceTabQuery,
    @CurrentPrincipal() user: Principal,
  ): Promise<void> {
    await this.presence.release(params.id, query.tab, user);
  }
}
