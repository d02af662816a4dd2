import { JSON_MAX_DEPTH } from '@newsdesk/contracts';
import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ValidationError } from './errors.js';
import { findBadText, jsonDepthExceeds } from './text.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The one JSON body parser: the bytes must be UTF-8 and nest at most JSON_MAX_DEPTH deep, both
 * checked in one pass over the body before JSON.parse (so no later walk, recursive or not, ever
 * sees a deeper value); then Fastify's own parser, which refuses `__proto__` and
 * `constructor.prototype` keys; then no NUL, lone surrogate or infinite number anywhere in the
 * value. Each refusal is a 400 problem naming the body or the field.
 */
export function boundedJsonParser(fastify: FastifyInstance): FastifyBodyParser<Buffer> {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, raw, done) => {
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      done(
        new ValidationError([{ field: '(body)', message: 'The body is not valid UTF-8' }], 'The request body is not valid UTF-8.'),
        undefined,
      );
      return;
    }
    if (jsonDepthExceeds(text, JSON_MAX_DEPTH)) {
      done(
        new ValidationError(
          [{ field: '(body)', message: `JSON may nest at most ${JSON_MAX_DEPTH} levels deep` }],
          `The request body nests deeper than ${JSON_MAX_DEPTH} levels.`,
        ),
        undefined,
      );
      return;
    }
    parse(request, text, (error, body) => {
      // Every JSON body, whatever route it is sent to (even one that reads no body), holds only
      // text PostgreSQL can store and finite numbers. One pass, without recursion.
      const bad = error ? null : findBadText(body);
      if (bad) done(new ValidationError([bad]), undefined);
      else done(error, body);
    });
  };
}
