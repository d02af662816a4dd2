'use client';

import type { EndpointName } from '@newsdesk/contracts';
import { ApiError, problemOf, requestOf, type CallArgs, type CallResult } from './api';
import { endSession } from './session-end';
import { ENDPOINTS } from '@newsdesk/contracts';
import type { z } from 'zod';

/** Routes that take a multipart upload (`file` plus text fields). */
export type UploadRoute = {
  [N in EndpointName]: CallArgs<N> extends { upload: unknown } ? N : never;
}[EndpointName];

export interface UploadProgress {
  /** Bytes of the request sent so far. */
  loaded: number;
  /** The request's size in bytes (multipart framing included). */
  total: number;
  /** Every byte is sent: the API is checking and storing the file. */
  sent: boolean;
}

export interface RunningUpload<T> {
  /** The API's answer; rejects with an ApiError (or a TypeError when the server could not be reached, or an AbortError). */
  result: Promise<T>;
  /** Stops sending (the promise rejects with an AbortError). */
  abort: () => void;
}

/**
 * A multipart upload through the admin's /api proxy with real progress: fetch() cannot report how
 * much of a request body has been sent, XMLHttpRequest's upload events can. Same request as
 * `api.call(name, { upload })` (path, CSRF header, `file` field last); the same errors (ApiError from
 * the problem+json body; a 401 ends the session like every other call).
 */
export function uploadWithProgress<N extends UploadRoute>(
  name: N,
  args: CallArgs<N>,
  onProgress: (progress: UploadProgress) => void,
): RunningUpload<CallResult<N>> {
  const request = requestOf(name, args as Parameters<typeof requestOf>[1]);
  const xhr = new XMLHttpRequest();
  const result = new Promise<CallResult<N>>((resolve, reject) => {
    xhr.open(request.method, request.url);
    xhr.withCredentials = true;
    for (const [header, value] of Object.entries(request.headers)) xhr.setRequestHeader(header, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total, sent: event.loaded >= event.total });
    };
    xhr.upload.onload = () => onProgress({ loaded: 1, total: 1, sent: true });
    xhr.onerror = () => reject(new TypeError('The upload failed: the server could not be reached.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = async () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' },
      });
      if (!response.ok) {
        const error = new ApiError(await problemOf(response));
        if (error.status === 401) endSession();
        reject(error);
        return;
      }
      const schema = (ENDPOINTS[name] as { response?: z.ZodType }).response;
      if (!schema) return resolve(undefined as CallResult<N>);
      const parsed = schema.safeParse(await response.json());
      if (parsed.success) resolve(parsed.data as CallResult<N>);
      else
        reject(
          new ApiError({
            type: 'about:blank',
            title: 'Unexpected response from the API',
            status: 502,
            detail: `${name} returned a body that does not match the contract: ${parsed.error.message}`,
          }),
        );
    };
    xhr.send(request.body as XMLHttpRequestBodyInit | null | undefined);
  });
  return { result, abort: () => xhr.abort() };
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** "12.3 MB" (decimal units, as file managers show sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
