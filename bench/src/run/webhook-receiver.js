// The storm's webhook receiver, as a process of its own (in the runner's process its answers waited
// behind autocannon's and the pollers' work, and the outbox handles a batch's webhooks one after
// the other, so the drain measured the runner, not the API): every POST is recorded (delivery id,
// story, event type) and answered 204; GET /deliveries returns them as JSON.
//
//   node bench/src/run/webhook-receiver.js <port>
import { createServer } from 'node:http';

/** @type {Array<{ id: string, storyId: string, type: string }>} */
const deliveries = [];
const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/deliveries') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(deliveries));
    return;
  }
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    try {
      const event = JSON.parse(body);
      deliveries.push({ id: String(request.headers['x-newsdesk-delivery']), storyId: event.storyId, type: event.type });
      response.writeHead(204).end();
    } catch {
      response.writeHead(400).end();
    }
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log(`webhook receiver on ${process.argv[2]}`));
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
