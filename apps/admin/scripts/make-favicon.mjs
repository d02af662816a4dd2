// Writes src/app/favicon.ico: the Newsdesk "N" (paper on the accent red, rounded square) at 16 and
// 32 px, 32-bit BMP entries with alpha, drawn here with 4x4 supersampling. No image tools needed:
//   node scripts/make-favicon.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ACCENT = [0xa4, 0x16, 0x1a]; // --accent in globals.css
const PAPER = [0xfa, 0xf8, 0xf4]; // --paper

/** Coverage of the unit square [0,1]² by the shape at (x, y): 'bg', 'ink' or null (outside). */
function sample(x, y) {
  const r = 0.19; // corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  // The N: two stems and a diagonal, stroke width w.
  const w = 0.14;
  const [left, right, top, bottom] = [0.28, 0.72, 0.22, 0.78];
  const inY = y >= top && y <= bottom;
  if (inY && Math.abs(x - left) <= w / 2) return 'ink';
  if (inY && Math.abs(x - right) <= w / 2) return 'ink';
  // distance from the diagonal (left, top) -> (right, bottom)
  const [dx, dy] = [right - left, bottom - top];
  const t = ((x - left) * dx + (y - top) * dy) / (dx * dx + dy * dy);
  if (t >= 0 && t <= 1) {
    const [px, py] = [left + t * dx, top + t * dy];
    if (Math.hypot(x - px, y - py) <= w / 2) return 'ink';
  }
  return 'bg';
}

function image(size) {
  const n = 4;
  const pixels = []; // rows top-down, [r, g, b, a]
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const hit = sample((col + (j + 0.5) / n) / size, (row + (i + 0.5) / n) / size);
          if (!hit) continue;
          const color = hit === 'ink' ? PAPER : ACCENT;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      pixels.push(a ? [r / a, g / a, b / a, (255 * a) / (n * n)].map(Math.round) : [0, 0, 0, 0]);
    }
  }
  // BITMAPINFOHEADER (height doubled: XOR image + AND mask), BGRA bottom-up, then a zero AND mask.
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const xor = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const [r, g, b, a] = pixels[row * size + col];
      xor.set([b, g, r, a], ((size - 1 - row) * size + col) * 4);
    }
  }
  const and = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  return Buffer.concat([header, xor, and]);
}

const sizes = [16, 32];
const images = sizes.map(image);
const dir = Buffer.alloc(6 + 16 * sizes.length);
dir.writeUInt16LE(0, 0);
dir.writeUInt16LE(1, 2); // icon
dir.writeUInt16LE(sizes.length, 4);
let offset = dir.length;
sizes.forEach((size, i) => {
  const entry = 6 + 16 * i;
  dir.writeUInt8(size, entry);
  dir.writeUInt8(size, entry + 1);
  dir.writeUInt16LE(1, entry + 4); // planes
  dir.writeUInt16LE(32, entry + 6); // bits per pixel
  dir.writeUInt32LE(images[i].length, entry + 8);
  dir.writeUInt32LE(offset, entry + 12);
  offset += images[i].length;
});
const out = fileURLToPath(new URL('../src/app/favicon.ico', import.meta.url));
writeFileSync(out, Buffer.concat([dir, ...images]));
console.log(`wrote ${out} (${offset} bytes)`);
