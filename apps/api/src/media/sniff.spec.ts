import { encodePng } from './png.js';
import { sniffImage } from './sniff.js';

const jpegWith = (...segments: number[][]) => Buffer.from([0xff, 0xd8, ...segments.flat(), 0xff, 0xd9]);
const sof = (marker: number, width: number, height: number) => [
  0xff,
  marker,
  0x00,
  0x11,
  0x08,
  height >> 8,
  height & 0xff,
  width >> 8,
  width & 0xff,
  0x03,
  1,
  0x22,
  0,
  2,
  0x11,
  1,
  3,
  0x11,
  1,
];
const exif = [0xff, 0xe1, 0x00, 0x08, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

function riff(chunk: string, data: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(data.length);
  const body = Buffer.concat([Buffer.from('WEBP'), Buffer.from(chunk), header, data]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF'), size, body]);
}

describe('sniffImage', () => {
  it('reads a PNG and its size', () => {
    expect(sniffImage(encodePng(7, 3, () => [0, 0, 0]))).toEqual({ ok: true, contentType: 'image/png', width: 7, height: 3 });
  });

  it('walks JPEG segments to the frame header (baseline and progressive), past fill bytes and EXIF', () => {
    expect(sniffImage(jpegWith(exif, [0xff], sof(0xc0, 640, 480)))).toEqual({
      ok: true,
      contentType: 'image/jpeg',
      width: 640,
      height: 480,
    });
    expect(sniffImage(jpegWith(sof(0xc2, 3000, 2000)))).toMatchObject({ width: 3000, height: 2000 });
    // A DHT segment (0xC4) is not a frame header.
    expect(sniffImage(jpegWith([0xff, 0xc4, 0x00, 0x03, 0x00], sof(0xc1, 10, 20)))).toMatchObject({ width: 10, height: 20 });
    expect(sniffImage(jpegWith([0xff, 0xda, 0x00, 0x02]))).toMatchObject({ ok: false });
  });

  it('reads the three WebP flavours', () => {
    const lossy = Buffer.from([0, 0, 0, 0x9d, 0x01, 0x2a, 0x80, 0x02, 0xe0, 0x01]); // 640 x 480
    expect(sniffImage(riff('VP8 ', lossy))).toEqual({ ok: true, contentType: 'image/webp', width: 640, height: 480 });
    const extended = Buffer.from([0, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00]); // 1920 x 1080
    expect(sniffImage(riff('VP8X', extended))).toMatchObject({ width: 1920, height: 1080 });
  });

  it.each([
    ['SVG', '<svg xmlns="http://www.w3.org/2000/svg"></svg>', /SVG/],
    ['SVG behind a BOM and an XML declaration', '\uFEFF  <?xml version="1.0"?><!-- x --><svg></svg>', /SVG/],
    ['SVG without an XML declaration, with a script', '<svg onload="alert(1)"></svg>', /SVG/],
    [
      'SVG with an XML declaration first',
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      /SVG/,
    ],
    ['HTML', '<!doctype html><p>hi', /HTML/],
    ['an empty file', '', /empty/],
  ])('refuses %s', (_, text, reason) => {
    const result = sniffImage(Buffer.from(text));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('refuses a PNG signature without a readable header', () => {
    const result = sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect(result).toMatchObject({ ok: false });
  });

  it('says a bare PNG signature is a damaged PNG (file-type 21 does not recognise it at all)', () => {
    const result = sniffImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/This PNG file is damaged or incomplete/);
  });
});
