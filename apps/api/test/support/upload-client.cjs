// A client in its own process (so the API's RSS is measured alone): POSTs a multipart upload of a
// WAV of `dataBytes` bytes of PCM (a sine wave, 44.1 kHz stereo 16-bit), written 1 MB at a time,
// each chunk after the socket took the previous one. Prints {status, text} as JSON.
// Usage: node upload-client.cjs <url> <token> <dataBytes>
const http = require('node:http');

const [url, token, dataText] = process.argv.slice(2);
const dataBytes = Number(dataText);
const boundary = 'big-wav-boundary';
const header = Buffer.alloc(44);
header.write('RIFF', 0, 'latin1');
header.writeUInt32LE(36 + dataBytes, 4);
header.write('WAVE', 8, 'latin1');
header.write('fmt ', 12, 'latin1');
header.writeUInt32LE(16, 16);
header.writeUInt16LE(1, 20);
header.writeUInt16LE(2, 22);
header.writeUInt32LE(44100, 24);
header.writeUInt32LE(176400, 28);
header.writeUInt16LE(4, 32);
header.writeUInt16LE(16, 34);
header.write('data', 36, 'latin1');
header.writeUInt32LE(dataBytes, 40);
const chunk = Buffer.alloc(1024 * 1024);
for (let i = 0; i < chunk.length; i += 2) chunk.writeInt16LE(Math.round(8000 * Math.sin((i / 2) * 0.06)), i);
const head = Buffer.from(
  `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBig WAV\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
);
const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
const req = http.request(url, {
  method: 'POST',
  headers: {
    authorization: `Bearer ${token}`,
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': head.length + header.length + dataBytes + tail.length,
  },
});
req.on('response', (res) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (data) => (text += data));
  res.on('end', () => process.stdout.write(JSON.stringify({ status: res.statusCode, text })));
});
req.on('error', (error) => {
  console.error(error);
  process.exit(1);
});
req.write(head);
req.write(header);
let left = dataBytes;
const next = () => {
  while (left > 0) {
    const size = Math.min(left, chunk.length);
    left -= size;
    if (!req.write(chunk.subarray(0, size))) return void req.once('drain', next);
  }
  req.end(tail);
};
next();
