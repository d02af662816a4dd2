import { randomBytes } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { SegmentSchema, StationSchema, type CreateStationInput, type Segment, type Station } from '@newsdesk/contracts';
import { DEMO } from './data';
import { API_URL } from './servers';

/** A call sign no other test (or earlier run against the same database) uses. */
export function uniqueCallSign(): string {
  return `E${randomBytes(3)
    .toString('hex')
    .toUpperCase()
    .replace(/\d/g, (digit) => 'GHIJKLMNOP'[Number(digit)]!)
    .slice(0, 5)}`;
}

/** Creates a station through the API as the demo producer (Bearer token). */
export async function createStationViaApi(request: APIRequestContext, fields: Partial<CreateStationInput> = {}): Promise<Station> {
  const login = await request.post(`${API_URL}/api/auth/login`, { data: DEMO.producer });
  if (!login.ok()) throw new Error(`Demo producer login failed: ${login.status()} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const created = await request.post(`${API_URL}/api/stations`, {
    data: {
      callSign: uniqueCallSign(),
      name: 'E2E Public Radio',
      band: 'FM',
      frequency: '89.7',
      city: 'Washington',
      timezone: 'America/New_York',
      streamUrl: 'https://stream.example.org/e2e',
      ...fields,
    },
    headers: { authorization: `Bearer ${token}`, 'x-newsdesk-csrf': '1' },
  });
  if (created.status() !== 201) throw new Error(`Creating a station failed: ${created.status()} ${await created.text()}`);
  return StationSchema.parse(await created.json());
}

/**
 * Creates a block tomorrow (station time) at `time` (HH:MM) through the API, with the caller's
 * headers (a producer's Bearer token); `fields` may add a program, kind or title.
 */
export async function createBlockTomorrowViaApi(
  request: APIRequestContext,
  headers: Record<string, string>,
  station: Station,
  time: string,
  fields: { durationSeconds: number; title: string; kind?: string; programId?: string },
): Promise<Segment> {
  const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString('en-CA', { timeZone: station.timezone });
  const created = await request.post(`${API_URL}/api/segments`, {
    headers,
    data: { stationId: station.id, startsAt: `${tomorrow}T${time}`, kind: 'program', ...fields },
  });
  if (created.status() !== 201) throw new Error(`Creating a block failed: ${created.status()} ${await created.text()}`);
  return SegmentSchema.parse(await created.json());
}
