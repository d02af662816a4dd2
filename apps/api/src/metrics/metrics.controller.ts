import { Controller, Get, Headers, Res } from '@nestjs/common';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError, UnauthenticatedError } from '../common/errors.js';
import { Metrics } from './metrics.service.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * `GET /metrics`, Prometheus text format. Not a staff route (no session): a scraper sends
 * `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN the route answers 404 (off);
 * a missing or wrong token answers 401. Through the proxy it is not routed at all (deploy/Caddyfile
 * sends only /api and /health to the API): scrape each replica on its own address.
 */
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const token = this.metrics.token;
    if (!token) throw new NotFoundError('/metrics', 'Metrics are off: set METRICS_TOKEN to expose them.');
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests: equal length for timingSafeEqual, and no timing hint of the token's length.
    if (!timingSafeEqual(digest(given), digest(token))) throw new UnauthenticatedError('A valid metrics token is required.');
    const body = await this.metrics.registry.metrics();
    void reply.status(200).header('Content-Type', this.metrics.registry.contentType).header('Cache-Control', 'no-store').send(body);
  }
}
