import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Public } from '../auth/can.decorator.js';
import { NotFoundError } from '../common/errors.js';
import { buildOpenApiDocument } from './openapi.document.js';

const SWAGGER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Newsdesk API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });`;

@Public()
@Controller('api')
export class DocsController {
  /** Built on first request (~0.5 s of schema generation), not at every app start. */
  private document: string | undefined;

  @Get('openapi.json')
  openapi(@Res() reply: FastifyReply): void {
    this.document ??= JSON.stringify(buildOpenApiDocument());
    void reply.type('application/json; charset=utf-8').send(this.document);
  }

  @Get('docs')
  page(@Res() reply: FastifyReply): void {
    // Swagger UI needs its own script; the page allows exactly that and nothing inline.
    void reply
      .header('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'")
      .type('text/html; charset=utf-8')
      .send(PAGE);
  }

  @Get('docs/:asset')
  async asset(@Param('asset') asset: string, @Res() reply: FastifyReply): Promise<void> {
    if (asset === 'init.js') return void reply.type('text/javascript; charset=utf-8').send(INIT);
    const type = ASSETS[asset];
    if (!type) throw new NotFoundError('Asset');
    void reply
      .type(type)
      .header('Cache-Control', 'public, max-age=86400')
      .send(await readFile(join(SWAGGER_DIR, asset)));
  }
}
