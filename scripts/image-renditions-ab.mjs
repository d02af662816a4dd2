#!/usr/bin/env node
// Rendition time, side by side with its baseline (issue 21, docs/images.md "Rendition time"): not a
// test, a measurement. Run after `pnpm turbo run build`:  node scripts/image-renditions-ab.mjs
// The 24-megapixel demo JPEG's whole rendition set, rendered in one warm process, alternately by
// the renderer of before (every rendition cut and resized from the decoded base, one at a time:
// the code as it was at f6cfbbc, with its encoder settings) and by the current one
// (apps/api/src/media/image-renderer.ts). Both run under the same machine load, so their CPU times
// compare; wall times are printed with the 1-minute load average.
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(path.join(root, 'apps/api/dist', file)).href;
const sharp = createRequire(path.join(root, 'apps/api/package.json'))('sharp');
const { demoSceneJpeg, DEMO_SCENES } = await import(dist('database/demo-images.js'));
const { renditionPlan } = await import(dist('media/image-plan.js'));
const { configureSharp, renderRenditions } = await import(dist('media/image-renderer.js'));
configureSharp(Number(process.env.IMAGE_THREADS ?? 2));

const BEFORE = {
  'image/jpeg': (image) => image.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true }),
  'image/webp': (image) => image.webp({ quality: 75, effort: 2 }),
  'image/avif': (image) => image.avif({ quality: 50, effort: 2 }),
};
async function before(original, upright, todo, each) {
  const scale = Math.min(1, Math.max(...todo.map((r) => r.width / r.box.width)));
  const base = await sharp(original)
    .autoOrient()
    .resize({ width: Math.round(upright.width * scale) })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height, channels } = base.info;
  const sx = width / upright.width;
  const sy = height / upright.height;
  for (const r of todo) {
    const left = Math.min(width - 1, Math.round(r.box.left * sx));
    const top = Math.min(height - 1, Math.round(r.box.top * sy));
    const region = {
      left,
      top,
      width: Math.max(1, Math.min(width - left, Math.round(r.box.width * sx))),
      height: Math.max(1, Math.min(height - top, Math.round(r.box.height * sy))),
    };
    const image = sharp(base.data, { raw: { width, height, channels } }).extract(region).resize(r.width, r.height, { fit: 'fill' });
    await each(r, await BEFORE[r.type](image).toBuffer());
  }
}

const jpeg = await demoSceneJpeg({ width: 6000, height: 4000, svg: DEMO_SCENES[0].svg });
const plan = renditionPlan({ sha256: 'f'.repeat(64), width: 6000, height: 4000, focal_x: 0.5, focal_y: 0.5, crops: {} });
console.log(`24-megapixel JPEG (6000 x 4000, ${(jpeg.length / 1e6).toFixed(1)} MB) -> ${plan.renditions.length} renditions`);
for (let round = 0; round <= 3; round++) {
  for (const [name, render] of [
    ['before', before],
    ['now', renderRenditions],
  ]) {
    const load = loadavg()[0].toFixed(1);
    const cpu = process.cpuUsage();
    const started = performance.now();
    let bytes = 0;
    await render(jpeg, { width: 6000, height: 4000 }, plan.renditions, async (_, out) => {
      bytes += out.length;
    });
    const used = process.cpuUsage(cpu);
    // Round 0 warms the process up (libvips, its threads, the encoders), as a running worker is.
    if (round > 0)
      console.log(
        `  ${name.padEnd(6)} ${((used.user + used.system) / 1e6).toFixed(2)} s CPU, ${((performance.now() - started) / 1000).toFixed(2)} s wall at load average ${load}, ${(bytes / 1e6).toFixed(2)} MB`,
      );
  }
}
