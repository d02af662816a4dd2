import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Errors Fastify's router answers before any route runs (a malformed percent-encoding in the
 * path, a path parameter longer than maxParamLength): problem+json like every other answer.
 */
export function frameworkErrors(error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://newsdesk.dev/problems/${status}`,
      title: status === 414 ? 'URI too long' : 'Invalid request',
      status,
      detail: status === 414 ? 'A path segment is too long.' : 'The path is not validly percent-encoded UTF-8.',
      instance: (request.url.split('?')[0] ?? '').slice(0, 200),
    });
}
