import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';

/**
 * A minimal S3-compatible server on loopback, path-style (`/bucket/key`), playing S3 for the tests:
 * PutObject (plain, UNSIGNED-PAYLOAD, and aws-chunked STREAMING-AWS4-HMAC-SHA256-PAYLOAD /
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER bodies), GetObject with Range (206 + Content-Range, 416),
 * HeadObject, DeleteObject, and S3's XML errors (NoSuchKey, NoSuchBucket, InvalidAccessKeyId,
 * SignatureDoesNotMatch, BadDigest ...).
 *
 * The contract it checks on every request, as AWS documents it (Signature Version 4,
 * "Create a canonical request" / "Authenticating requests: Using the Authorization header"):
 * an `Authorization: AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/s3/aws4_request,
 * SignedHeaders=..., Signature=...` header with the configured access key and region, an
 * `x-amz-date` whose day is the credential's, `host` and `x-amz-content-sha256` among the signed
 * headers, and the signature itself recomputed from the canonical request with the secret key. A
 * signed payload hash is compared with the body's sha256; aws-chunked chunk signatures are verified
 * chunk by chunk (each chained to the previous signature), and the decoded length must equal
 * `x-amz-decoded-content-length`.
 */
export interface S3Object {
  body: Buffer;
  contentType: string;
  cacheControl: string | null;
  etag: string;
}

export interface S3RequestLog {
  method: string;
  path: string;
  status: number;
  contentSha256: string | null;
  contentEncoding: string | null;
  range: string | null;
  /** x-amz-trailer: the checksum trailer an aws-chunked body announces. */
  trailer: string | null;
}

export interface S3StandIn {
  /** http://127.0.0.1:<port> (S3_ENDPOINT). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Objects by key (without the bucket). */
  objects: Map<string, S3Object>;
  /** Every request answered, in order. */
  requests: S3RequestLog[];
  /** Body bytes received (decoded payload bytes of PutObject requests). */
  bytesReceived: number;
  /** Contract violations seen (each also answered 400/403): the tests assert this stays empty. */
  violations: string[];
  /** While set, every request is answered with this status and S3 error code (an outage). */
  failWith: { status: number; code: string } | null;
  /**
   * While set, a storage that stops answering: 'silent' reads the request and never answers;
   * 'stall' answers a GetObject's headers and half its bytes, then sends nothing more.
   */
  hang: 'silent' | 'stall' | null;
  /** Responses begun and not yet finished or closed (a reader that never lets go keeps one open). */
  openResponses(): number;
  close(): Promise<void>;
}

const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX uppercase). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function xmlEscape(value: string): string {
  return value.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Auth {
  accessKeyId: string;
  date: string;
  region: string;
  signedHeaders: string[];
  signature: string;
  scope: string;
  amzDate: string;
  signingKey: Buffer;
}

export async function startS3Server(
  options: { bucket?: string; region?: string; accessKeyId?: string; secretAccessKey?: string } = {},
): Promise<S3StandIn> {
  const bucket = options.bucket ?? 'newsdesk-test';
  const region = options.region ?? 'eu-test-1';
  const accessKeyId = options.accessKeyId ?? 'AKIATESTNEWSDESK0001';
  const secretAccessKey = options.secretAccessKey ?? 'test-secret-key-for-the-loopback-stand-in';

  const state: Omit<S3StandIn, 'endpoint' | 'close' | 'openResponses'> = {
    bucket,
    region,
    accessKeyId,
    secretAccessKey,
    objects: new Map(),
    requests: [],
    bytesReceived: 0,
    violations: [],
    failWith: null,
    hang: null,
  };

  function signingKey(date: string): Buffer {
    return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), 's3'), 'aws4_request');
  }

  /** Checks the Authorization header and the request signature (SigV4, header-based). */
  function authenticate(request: IncomingMessage): Auth {
    const header = request.headers.authorization ?? '';
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/s3\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/.exec(
        header,
      );
    if (!match) throw new S3Error(403, 'AccessDenied', `malformed or missing Authorization header: ${JSON.stringify(header)}`);
    const [, key = '', date = '', credentialRegion = '', signed = '', signature = ''] = match;
    if (key !== accessKeyId) throw new S3Error(403, 'InvalidAccessKeyId', `unknown access key ${key}`);
    if (credentialRegion !== region)
      throw new S3Error(400, 'AuthorizationHeaderMalformed', `the credential's region ${credentialRegion} is not ${region}`);
    const amzDate = String(request.headers['x-amz-date'] ?? '');
    if (!/^\d{8}T\d{6}Z$/.test(amzDate)) throw new S3Error(403, 'AccessDenied', `missing or malformed x-amz-date: ${amzDate}`);
    if (!amzDate.startsWith(date))
      throw new S3Error(403, 'SignatureDoesNotMatch', `x-amz-date ${amzDate} is not the credential's day ${date}`);
    const signedHeaders = signed.split(';');
    for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256'])
      if (!signedHeaders.includes(required)) throw new S3Error(403, 'AccessDenied', `${required} is not a signed header`);
    const contentSha256 = String(request.headers['x-amz-content-sha256'] ?? '');
    if (!contentSha256) throw new S3Error(400, 'InvalidRequest', 'missing x-amz-content-sha256');

    const url = request.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    const canonicalQuery = rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const eq = pair.indexOf('=');
        const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
        const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
        return [uriEncode(name), uriEncode(value)] as const;
      })
      .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const canonicalHeaders = signedHeaders
      .map((name) => {
        const raw = request.headers[name];
        if (raw === undefined) throw new S3Error(403, 'AccessDenied', `signed header ${name} is missing from the request`);
        const value = (Array.isArray(raw) ? raw.join(',') : raw).trim().replace(/\s+/g, ' ');
        return `${name}:${value}\n`;
      })
      .join('');
    // S3 does not normalise the path (no double encoding): the path as sent is canonical.
    const canonicalRequest = [request.method, rawPath, canonicalQuery, canonicalHeaders, signed, contentSha256].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
    const key4 = signingKey(date);
    const expected = hmac(key4, stringToSign).toString('hex');
    if (!timingSafeEqual(Buffer.from(expected), Buffer.from(signature)))
      throw new S3Error(403, 'SignatureDoesNotMatch', `signature mismatch; canonical request:\n${canonicalRequest}`);
    return { accessKeyId: key, date, region: credentialRegion, signedHeaders, signature, scope, amzDate, signingKey: key4 };
  }

  async function readBody(request: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Decodes an aws-chunked body; verifies each chunk's signature when the payload is signed. */
  function decodeChunked(request: IncomingMessage, raw: Buffer, auth: Auth, signed: boolean): Buffer {
    const parts: Buffer[] = [];
    let offset = 0;
    let previous = auth.signature;
    for (;;) {
      const lineEnd = raw.indexOf('\r\n', offset);
      if (lineEnd < 0) throw new S3Error(400, 'IncompleteBody', 'aws-chunked: a chunk header without CRLF');
      const header = raw.subarray(offset, lineEnd).toString('latin1');
      const match = /^([0-9a-fA-F]+)(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(header);
      if (!match) throw new S3Error(400, 'IncompleteBody', `aws-chunked: bad chunk header ${JSON.stringify(header)}`);
      const size = parseInt(match[1] ?? '', 16);
      const data = raw.subarray(lineEnd + 2, lineEnd + 2 + size);
      if (data.length !== size) throw new S3Error(400, 'IncompleteBody', 'aws-chunked: a chunk shorter than its header says');
      if (signed) {
        if (!match[2]) throw new S3Error(403, 'SignatureDoesNotMatch', 'aws-chunked: a chunk without its signature');
        const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', auth.amzDate, auth.scope, previous, EMPTY_SHA256, sha256(data)].join('\n');
        const expected = hmac(auth.signingKey, stringToSign).toString('hex');
        if (expected !== match[2]) throw new S3Error(403, 'SignatureDoesNotMatch', 'aws-chunked: a chunk signature does not match');
        previous = expected;
      }
      offset = lineEnd + 2 + size;
      if (size === 0) break;
      parts.push(data);
      if (raw.subarray(offset, offset + 2).toString('latin1') !== '\r\n')
        throw new S3Error(400, 'IncompleteBody', 'aws-chunked: no CRLF after a chunk');
      offset += 2;
    }
    // What follows the last chunk: trailers (x-amz-checksum-*) for STREAMING-UNSIGNED-PAYLOAD-TRAILER, then CRLF.
    const body = Buffer.concat(parts);
    const trailers = raw.subarray(offset).toString('latin1').split('\r\n').filter(Boolean);
    for (const trailer of trailers) {
      const colon = trailer.indexOf(':');
      const name = trailer.slice(0, colon).toLowerCase();
      const value = trailer.slice(colon + 1).trim();
      if (name === 'x-amz-checksum-crc32') {
        const crc = Buffer.alloc(4);
        crc.writeUInt32BE(crc32(body));
        if (crc.toString('base64') !== value) throw new S3Error(400, 'BadDigest', 'x-amz-checksum-crc32 does not match the body');
      } else if (name.startsWith('x-amz-checksum-')) {
        throw new S3Error(400, 'InvalidRequest', `the stand-in does not check ${name}`);
      }
    }
    if (trailers.length && !String(request.headers['x-amz-trailer'] ?? ''))
      throw new S3Error(400, 'InvalidRequest', 'trailers without x-amz-trailer');
    return body;
  }

  function sendError(response: ServerResponse, status: number, code: string, message: string, resource: string): void {
    const xml =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlEscape(message.split('\n')[0] ?? '')}</Message>` +
      `<Resource>${xmlEscape(resource)}</Resource><RequestId>loopback</RequestId></Error>`;
    response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
    response.end(xml);
  }

  function objectHeaders(object: S3Object): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': object.contentType, etag: object.etag, 'accept-ranges': 'bytes' };
    if (object.cacheControl) headers['cache-control'] = object.cacheControl;
    return headers;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<number> {
    const url = request.url ?? '/';
    const rawPath = url.split('?')[0] ?? '/';
    const slash = rawPath.indexOf('/', 1);
    const bucketName = decodeURIComponent(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    const key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
    const method = request.method ?? 'GET';
    try {
      if (state.failWith) {
        await readBody(request);
        throw new S3Error(state.failWith.status, state.failWith.code, 'the stand-in is failing on purpose');
      }
      const auth = authenticate(request);
      if (state.hang === 'silent') {
        await readBody(request);
        return 0;
      }
      if (bucketName !== bucket) throw new S3Error(404, 'NoSuchBucket', `no bucket ${bucketName}`);
      if (!key) throw new S3Error(400, 'InvalidRequest', 'bucket operations are not implemented by the stand-in');
      if (method === 'PUT') {
        const raw = await readBody(request);
        const contentSha256 = String(request.headers['x-amz-content-sha256']);
        const encoding = String(request.headers['content-encoding'] ?? '');
        let body: Buffer;
        if (contentSha256 === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' || contentSha256 === 'STREAMING-UNSIGNED-PAYLOAD-TRAILER') {
          if (
            !encoding
              .split(',')
              .map((e) => e.trim())
              .includes('aws-chunked')
          )
            throw new S3Error(400, 'InvalidRequest', 'a streaming payload without Content-Encoding: aws-chunked');
          body = decodeChunked(request, raw, auth, contentSha256 === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
          const decoded = Number(request.headers['x-amz-decoded-content-length']);
          if (decoded !== body.length)
            throw new S3Error(400, 'IncompleteBody', `x-amz-decoded-content-length ${decoded} but ${body.length} bytes decoded`);
        } else if (contentSha256 === 'UNSIGNED-PAYLOAD') {
          body = raw;
        } else if (/^[0-9a-f]{64}$/.test(contentSha256)) {
          body = raw;
          if (sha256(raw) !== contentSha256)
            throw new S3Error(400, 'XAmzContentSHA256Mismatch', "the body's sha256 is not x-amz-content-sha256");
        } else {
          throw new S3Error(400, 'InvalidArgument', `x-amz-content-sha256: ${contentSha256}`);
        }
        const length = request.headers['content-length'];
        if (length !== undefined && Number(length) !== raw.length)
          throw new S3Error(400, 'IncompleteBody', 'Content-Length is not the body length');
        const md5 = request.headers['content-md5'];
        if (md5 && createHash('md5').update(body).digest('base64') !== md5) throw new S3Error(400, 'BadDigest', 'Content-MD5 mismatch');
        state.bytesReceived += body.length;
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        state.objects.set(key, {
          body,
          contentType: String(request.headers['content-type'] ?? 'binary/octet-stream'),
          cacheControl: request.headers['cache-control'] ?? null,
          etag,
        });
        response.writeHead(200, { etag, 'content-length': 0 });
        response.end();
        return 200;
      }
      await readBody(request);
      if (method === 'DELETE') {
        state.objects.delete(key);
        response.writeHead(204);
        response.end();
        return 204;
      }
      if (method !== 'GET' && method !== 'HEAD') throw new S3Error(405, 'MethodNotAllowed', `${method} is not implemented`);
      const object = state.objects.get(key);
      if (!object) {
        // HEAD answers have no body: S3 answers a bare 404 there.
        if (method === 'HEAD') {
          response.writeHead(404);
          response.end();
          return 404;
        }
        throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const size = object.body.length;
      const range = request.headers.range;
      if (range && method === 'GET') {
        const match = /^bytes=(\d*)-(\d*)$/.exec(range);
        if (!match || (!match[1] && !match[2])) {
          // S3 ignores a Range it cannot parse and answers the whole object.
        } else {
          let start: number;
          let end: number;
          if (!match[1]) {
            start = Math.max(0, size - Number(match[2]));
            end = size - 1;
          } else {
            start = Number(match[1]);
            end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
          }
          if (start >= size || start > end || (!match[1] && Number(match[2]) === 0)) {
            response.setHeader('content-range', `bytes */${size}`);
            throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable');
          }
          const part = object.body.subarray(start, end + 1);
          response.writeHead(206, {
            ...objectHeaders(object),
            'content-range': `bytes ${start}-${end}/${size}`,
            'content-length': part.length,
          });
          if (state.hang === 'stall') {
            response.write(part.subarray(0, Math.floor(part.length / 2)));
            return 0;
          }
          response.end(part);
          return 206;
        }
      }
      response.writeHead(200, { ...objectHeaders(object), 'content-length': size });
      if (state.hang === 'stall' && method === 'GET') {
        response.write(object.body.subarray(0, Math.floor(size / 2)));
        return 0;
      }
      response.end(method === 'HEAD' ? undefined : object.body);
      return 200;
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      if (error.status === 400 || (error.status === 403 && error.code !== 'InvalidAccessKeyId' && error.code !== 'SignatureDoesNotMatch'))
        state.violations.push(`${method} ${rawPath}: ${error.code}: ${error.message}`);
      if (error.code === 'SignatureDoesNotMatch' && !state.failWith) state.violations.push(`${method} ${rawPath}: ${error.message}`);
      if (!request.complete) request.resume();
      if (method === 'HEAD') {
        response.writeHead(error.status);
        response.end();
      } else sendError(response, error.status, error.code, error.message, rawPath);
      return error.status;
    }
  }

  let open = 0;
  const server: Server = createServer((request, response) => {
    open++;
    response.once('close', () => open--);
    handle(request, response).then(
      (status) =>
        state.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          status,
          contentSha256: (request.headers['x-amz-content-sha256'] as string | undefined) ?? null,
          contentEncoding: (request.headers['content-encoding'] as string | undefined) ?? null,
          range: request.headers.range ?? null,
          trailer: (request.headers['x-amz-trailer'] as string | undefined) ?? null,
        }),
      (error: unknown) => {
        state.violations.push(`internal: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const standIn = state as S3StandIn;
  standIn.endpoint = `http://127.0.0.1:${port}`;
  standIn.openResponses = () => open;
  standIn.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return standIn;
}
