import { randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';

/** A call sign no other test in the file uses (4-6 letters). */
export function uniqueCallSign(prefix = 'W'): string {
  const letters = randomBytes(4)
    .toString('hex')
    .replace(/\d/g, (digit) => 'GHIJKLMNOP'[Number(digit)]!)
    .toUpperCase();
  return `${prefix}${letters.slice(0, 4)}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response bodies
type Body = any;

export async function createStation(app: TestApp, token: string, fields: Record<string, unknown> = {}): Promise<Body> {
  const response = await app.request('POST', '/api/stations', {
    token,
    body: {
      callSign: uniqueCallSign(),
      name: 'Test Public Radio',
      band: 'FM',
      frequency: '88.5',
      city: 'Washington',
      timezone: 'America/New_York',
      streamUrl: 'https://stream.example.org/live',
      ...fields,
    },
  });
  if (response.status !== 201) throw new Error(`creating a station failed: ${response.status} ${response.text}`);
  return response.body;
}

export async function createProgram(app: TestApp, token: string, fields: Record<string, unknown> = {}): Promise<Body> {
  const name = `Morning Edition ${randomBytes(3).toString('hex')}`;
  const response = await app.request('POST', '/api/programs', {
    token,
    body: { name, hosts: ['Steve Inskeep', 'Leila Fadel'], defaultDurationSeconds: 7200, ...fields },
  });
  if (response.status !== 201) throw new Error(`creating a program failed: ${response.status} ${response.text}`);
  return response.body;
}

/** POST /api/segments; returns the raw response (tests check 201 / 400 / 409 themselves). */
export function postSegment(
  app: TestApp,
  token: string,
  stationId: string,
  startsAt: string,
  durationSeconds: number,
  fields: Record<string, unknown> = {},
) {
  return app.request('POST', '/api/segments', {
    token,
    body: { stationId, startsAt, durationSeconds, title: `Segment at ${startsAt}`, kind: 'program', ...fields },
  });
}

export async function createSegment(
  app: TestApp,
  token: string,
  stationId: string,
  startsAt: string,
  durationSeconds: number,
  fields: Record<string, unknown> = {},
): Promise<Body> {
  const response = await postSegment(app, token, stationId, startsAt, durationSeconds, fields);
  if (response.status !== 201) throw new Error(`creating a segment failed: ${response.status} ${response.text}`);
  return response.body;
}
