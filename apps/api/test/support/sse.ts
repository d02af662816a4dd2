import { get as httpGet, type IncomingMessage } from 'node:http';

/** A Server-Sent Events client for the tests: collects the events of one stream, and waits for one that matches. */
export interface SseEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary event data
  data: any;
  at: number;
}

export interface SseStream {
  status: number;
  headers: Headers;
  events: SseEvent[];
  comments: number;
  /** Resolves with the first event (already received from index `from` on, or to come) that matches, or rejects after `timeoutMs`. */
  next(match: (event: SseEvent) => boolean, timeoutMs?: number, from?: number): Promise<SseEvent>;
  close(): void;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
}

/**
 * Opens a stream with node:http on its own connection (no keep-alive pool: closing it destroys the
 * socket, as a browser tab going away does; fetch's pool may keep or open sockets the server then
 * waits for when it shuts down).
 */
export async function openSse(url: string, token?: string): Promise<SseStream> {
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = httpGet(url, {
      agent: false,
      headers: { accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    request.on('response', resolve);
    request.on('error', reject);
  });
  const events: SseEvent[] = [];
  const waiters: Array<{ match: (event: SseEvent) => boolean; resolve: (event: SseEvent) => void }> = [];
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(name, value);
  const stream: SseStream = {
    status: response.statusCode ?? 0,
    headers,
    events,
    comments: 0,
    next(match, timeoutMs = 10_000, from = 0) {
      const found = events.slice(from).find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (event: SseEvent) => {
            clearTimeout(timer);
            resolve(event);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.data))}`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => response.destroy(),
    ended: new Promise((done) => response.once('close', () => done())),
  };
  let buffer = '';
  response.setEncoding('utf8');
  response.on('error', () => undefined);
  response.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) stream.comments++;
        else if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length === 0 || stream.status !== 200) continue;
      const parsed: SseEvent = { event, data: JSON.parse(data.join('\n')), at: Date.now() };
      events.push(parsed);
      for (const waiter of [...waiters]) {
        if (waiter.match(parsed)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(parsed);
        }
      }
    }
  });
  return stream;
}
