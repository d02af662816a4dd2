import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadDemoAudio } from '../src/database/demo-audio.js';
import { loadDemoNewsroom } from '../src/database/demo-newsroom.js';
import { createMediaStorage } from '../src/media/media-storage.js';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp;
const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsdesk-demo-audio-'));
beforeAll(async () => {
  app = await startTestApp({ MEDIA_DIR: mediaDir });
});
afterAll(async () => {
  await app?.close();
  rmSync(mediaDir, { recursive: true, force: true });
});

describe('demo audio', () => {
  it('gives every published demo story a tone, encoded to MP3 by the pipeline, as its primary audio; once', async () => {
    await loadDemoNewsroom(app.db);
    const published: Array<{ id: string }> = await app.db.query(`SELECT id FROM stories WHERE status = 'published'`);
    expect(published.length).toBeGreaterThan(1);
    const started = Date.now();
    expect(await loadDemoAudio(app.db, createMediaStorage(app.config), app.config)).toBe(published.length);
    console.log(`[figure] demo audio: ${published.length} tones generated, ingested and encoded in ${Date.now() - started} ms`);
    expect(await loadDemoAudio(app.db, createMediaStorage(app.config), app.config)).toBe(0);

    const rows: Array<{ asset_id: string; broadcast: boolean; position: number }> = await app.db.query(
      `SELECT sa.asset_id, s.broadcast, sa.position FROM story_audio sa JOIN stories s ON s.id = sa.story_id WHERE s.status = 'published'`,
    );
    expect(rows.length).toBe(published.length);
    expect(new Set(rows.map((row) => row.asset_id)).size).toBe(published.length);
    const token = (await app.signIn(['editor'])).token;
    for (const row of rows) {
      expect(row).toMatchObject({ broadcast: true, position: 0 });
      const asset = await app.request('GET', `/api/audio/${row.asset_id}`, { token });
      expect(asset.body).toMatchObject({ contentType: 'audio/wav', playable: true, durationSeconds: 4 });
      expect(asset.body.renditions.map((r: { profile: string; status: string }) => `${r.profile}:${r.status}`)).toEqual([
        'original:ready',
        'mp3-128:ready',
      ]);
      const mp3 = await fetch(`${app.url}/api/public/audio/${row.asset_id}/mp3-128.mp3`, { headers: { range: 'bytes=0-1' } });
      expect(mp3.status).toBe(206);
    }
  }, 120_000);
});
