#!/usr/bin/env node
// Image rendition figures (issue 21, docs/images.md): not a test, a measurement. Run after `pnpm turbo run build`:
//   node scripts/image-budgets.mjs
// 1. A 24-megapixel camera JPEG (6000 x 4000, drawn with grain so it compresses like a photo) rendered
//    to its whole rendition set in a child process, as the worker does (IMAGE_THREADS libvips threads,
//    no cache): wall time, the job's CPU time (user + system of the child: less sensitive to the
//    machine's load than the wall time), the 1-minute load average when it started, and the child's peak RSS.
// 2. The demo photos: the largest file a list card (640 px wide crop) is served, and the 1600-px hero.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(path.join(root, 'apps/api/dist', file)).href;
const threads = Number(process.env.IMAGE_THREADS ?? 2);

if (process.argv[2] === '--child') {
  // The worker's part: decode once, render every planned rendition; report time and peak RSS.
  const { configureSharp, renderRenditions } = await import(dist('media/image-renderer.js'));
  const { renditionPlan } = await import(dist('media/image-plan.js'));
  const { readFileSync } = await import('node:fs');
  configureSharp(threads);
  const original = readFileSync(process.argv[3]);
  const [width, height] = [Number(process.argv[4]), Number(process.argv[5])];
  const plan = renditionPlan({ sha256: 'f'.repeat(64), width, height, focal_x: 0.5, focal_y: 0.5, crops: {} });
  // The worker is a running process: libvips, its thread pool and the encoders are started by an
  // earlier job. A small photo's renditions first, so the figure is a job's, not the process start's.
  const { createRequire } = await import('node:module');
  const sharp = createRequire(path.join(root, 'apps/api/package.json'))('sharp');
  const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  const warm = renditionPlan({ sha256: 'e'.repeat(64), width: 400, height: 300, focal_x: 0.5, focal_y: 0.5, crops: {} });
  await renderRenditions(small, { width: 400, height: 300 }, warm.renditions, async () => undefined);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let bytes = 0;
  let firstSeconds = 0;
  await renderRenditions(original, { width, height }, plan.renditions, async (_rendition, out) => {
    const now = performance.now();
    if (!firstSeconds) firstSeconds = (now - started) / 1000;
    bytes += out.length;
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      firstSeconds,
      files: plan.renditions.length,
      bytes,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

const { demoSceneJpeg, DEMO_SCENES } = await import(dist('database/demo-images.js'));
const { renditionPlan } = await import(dist('media/image-plan.js'));
const { configureSharp, renderRenditions } = await import(dist('media/image-renderer.js'));
configureSharp(threads);

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-image-budgets-'));
try {
  const big = { width: 6000, height: 4000, svg: DEMO_SCENES[0].svg };
  const file = path.join(dir, 'camera-24mp.jpg');
  const jpeg = await demoSceneJpeg(big);
  writeFileSync(file, jpeg);
  console.log(`24-megapixel JPEG: 6000 x 4000, ${(jpeg.length / 1e6).toFixed(1)} MB; ${threads} libvips threads, cache off`);
  for (let run = 1; run <= 3; run++) {
    const load = loadavg()[0].toFixed(1);
    const out = JSON.parse(
      execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file, '6000', '4000'], { encoding: 'utf8' }),
    );
    console.log(
      `  run ${run}: ${out.files} renditions (${(out.bytes / 1e6).toFixed(1)} MB) in ${out.seconds.toFixed(2)} s wall, ${out.cpuSeconds.toFixed(2)} s CPU, load average ${load} (decode + first file ${out.firstSeconds.toFixed(2)} s), worker peak RSS ${out.peakRssMb.toFixed(0)} MB`,
    );
  }

  console.log('Demo photos (budgets: list card <= 60 KB, 1600-px hero <= 250 KB):');
  for (const scene of DEMO_SCENES) {
    const original = await demoSceneJpeg(scene);
    const plan = renditionPlan({
      sha256: 'e'.repeat(64),
      width: scene.width,
      height: scene.height,
      focal_x: scene.focal.x,
      focal_y: scene.focal.y,
      crops: {},
    });
    const sizes = new Map();
    await renderRenditions(original, scene, plan.renditions, async (r, out) => sizes.set(`${r.aspect} ${r.width} ${r.type}`, out.length));
    const kb = (key) => (sizes.has(key) ? `${(sizes.get(key) / 1024).toFixed(1)} KB` : 'n/a');
    const card = ['image/avif', 'image/webp', 'image/jpeg'].map((type) => `${type.slice(6)} ${kb(`standard 640 ${type}`)}`).join(', ');
    const hero = ['image/webp', 'image/jpeg'].map((type) => `${type.slice(6)} ${kb(`wide 1600 ${type}`)}`).join(', ');
    console.log(`  ${scene.name} (${scene.width} x ${scene.height}, original ${(original.length / 1024).toFixed(0)} KB)`);
    console.log(`    list card (3:2 at 640 px): ${card}`);
    console.log(`    hero (16:9 at 1600 px): ${hero}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
