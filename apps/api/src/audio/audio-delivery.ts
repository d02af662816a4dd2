import { defined } from '@newsdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

/** A byte range to send, or why the Range header cannot be served. */
export type RangeAnswer = { kind: 'whole' } | { kind: 'range'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * One HTTP Range (RFC 9110 §14.1.2) over a file of `size` bytes: `bytes=a-b`, `bytes=a-` and the
 * suffix `bytes=-n`. Several ranges at once, another unit, a malformed or an out-of-file range are
 * all unsatisfiable (416): players ask for one byte range.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (!match) return { kind: 'unsatisfiable' };
  const spec = defined(match[1], 'the Range header after bytes=').trim();
  const single = /^(\d*)-(\d*)$/.exec(spec);
  if (!single) return { kind: 'unsatisfiable' };
  const [, first = '', last = ''] = single;
  if (first === '' && last === '') return { kind: 'unsatisfiable' };
  if (first === '') {
    const suffix = Number(last);
    if (!Number.isSafeInteger(suffix) || suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || (last !== '' && Number(last) < start))
    return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}

export interface SendFileOptions {
  /** The bytes' sha256: the strong ETag. */
  sha256: string;
  contentType: string;
  byteSize: number;
  cacheControl: string;
  /** Opens bytes start..end (inclusive); null when the storage has nothing under the key. */
  open(start: number, end: number): Promise<Readable | null>;
  /** For Content-Disposition. */
  filename: string;
}

/**
 * Sends a stored file with ETag (304 on If-None-Match), Accept-Ranges, Content-Length and one
 * Range (206 with Content-Range; 416 with `Content-Range: bytes *\/size` for an unsatisfiable one);
 * HEAD answers the same headers without the body. Returns false when the storage lost the bytes.
 */
export async function sendFile(request: FastifyRequest, reply: FastifyReply, file: SendFileOptions): Promise<FastifyReply | false> {
  const etag = `"${file.sha256}"`;
  void reply
    .header('ETag', etag)
    .header('Accept-Ranges', 'bytes')
    .header('Cache-Control', file.cacheControl)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('Content-Disposition', `inline; filename="${file.filename}"`);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*'))
    return reply.status(304).send();
  // If-Range with another validator: the whole (new) file.
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? ({ kind: 'whole' } as const) : parseRange(request.headers.range, file.byteSize);
  if (range.kind === 'unsatisfiable') {
    return reply
      .status(416)
      .header('Content-Range', `bytes */${file.byteSize}`)
      .type('application/problem+json')
      .send({
        type: 'https://newsdesk.dev/problems/416',
        title: 'Range not satisfiable',
        status: 416,
        detail: `Ask for one byte range inside the file's ${file.byteSize} bytes, e.g. "bytes=0-1023" or "bytes=-500".`,
        instance: request.url.split('?')[0],
      });
  }
  const start = range.kind === 'range' ? range.start : 0;
  const end = range.kind === 'range' ? range.end : file.byteSize - 1;
  const length = file.byteSize === 0 ? 0 : end - start + 1;
  void reply.type(file.contentType).header('Content-Length', String(length));
  if (range.kind === 'range') void reply.status(206).header('Content-Range', `bytes ${start}-${end}/${file.byteSize}`);
  // HEAD: an empty stream keeps the Content-Length set above (Fastify's HEAD route drops the body).
  if (request.method === 'HEAD' || length === 0) return reply.send(Readable.from([]));
  const body = await file.open(start, end);
  if (!body) return false;
  return reply.send(body);
}
