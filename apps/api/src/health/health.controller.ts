import { Controller, Get, Res } from '@nestjs/common';
import type { Liveness } from '@newsdesk/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { HealthService } from './health.service.js';
import { lifecycle } from './lifecycle.js';

/**
 * Probes. `/health/live`: the process answers (restart it when this fails). `/health/ready`: it can
 * do its job (database, migrations, outbox lag, cache listener; take it out of rotation or wait for
 * it when this fails). `/health` answers as readiness, with the fields it always had
 * (`status`, `db`), for the probes and scripts written against it.
 */
@Public()
@Controller('health')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(private readonly health: HealthService) {}

  @Get()
  async compatible(@Res() reply: FastifyReply): Promise<void> {
    await this.ready(reply);
  }

  /** 503 `draining` once shutdown has begun (SIGTERM): the proxy stops sending before the listener closes. */
  @Get('live')
  live(@Res() reply: FastifyReply): void {
    const uptimeSeconds = Math.round((Date.now() - this.startedAt) / 1000);
    const body: Liveness = lifecycle.draining ? { status: 'draining', uptimeSeconds } : { status: 'ok', uptimeSeconds };
    void reply
      .status(lifecycle.draining ? 503 : 200)
      .header('Cache-Control', 'no-store')
      .send(body);
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.health.readiness();
    if (lifecycle.draining) body.status = 'error';
    void reply
      .status(body.status === 'ok' ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(body);
  }
}
