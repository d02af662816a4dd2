import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One outbox webhook delivery as the receiver saw it. */
export interface WebhookDelivery {
  /** The `X-Newsdesk-Delivery` header: one id per event, the same on a redelivery. */
  delivery: string;
  type: string;
  storyId: string;
  publishedAt?: string;
  requestId?: string;
  /** When it arrived (Date.now()). */
  at: number;
}

export interface WebhookReceiver {
  /** The URL to put in WEBHOOK_URLS. */
  url: string;
  deliveries: WebhookDelivery[];
  close(): Promise<void>;
}

/** A webhook endpoint on loopback that records every delivery and answers 204. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const deliveries: WebhookDelivery[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const event = JSON.parse(body);
      deliveries.push({
        delivery: String(request.headers['x-newsdesk-delivery']),
        type: event.type,
        storyId: event.storyId,
        publishedAt: event.publishedAt,
        requestId: event.requestId,
        at: Date.now(),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
