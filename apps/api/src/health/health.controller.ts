import { Controller, Get, Res } from '@nestjs/common';
import type { Liveness } from '@newsdesk/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { HealthService } from './health.service.js';

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

  @Get('live')
  live(@Res() reply: FastifyReply): void {
    const body: Liveness = { status: 'ok', uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000) };
    void reply.status(200).header('Cache-Control', 'no-store').send(body);
  }

  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.health.readiness();
    void reply
      .status(body.status === 'ok' ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(body);
  }
}
