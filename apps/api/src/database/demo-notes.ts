import type { DataSource } from 'typeorm';
import { NotesRepository } from '../notes/notes.repository.js';
import { DemoRepository } from './demo.repository.js';

/**
 * Demo notes (issue 15 item 5): a note from the demo admin mentioning the demo editor on the story in
 * review (so Edith's desk shows a mention on `npm start`), an open note from the producer on the
 * draft, and a resolved one on the published lead story. Loaded once (while the story in review has no notes): returns false when present.
 */
export async function loadDemoNotes(db: DataSource): Promise<boolean> {
  const seed = new DemoRepository(db);
  const notes = new NotesRepository(db);
  const [admin, editor, producer] = await Promise.all(
    ['admin@newsdesk.local', 'editor@newsdesk.local', 'producer@newsdesk.local'].map((email) => seed.userByEmail(email)),
  );
  const stories = await seed.storyIdsBySlug([
    'sanctions-outlook',
    'astana-talks-second-day',
    'kremlin-pitches-joint-fight-against-isis-to-trump',
  ]);
  const review = stories.get('sanctions-outlook');
  const draft = stories.get('astana-talks-second-day');
  const lead = stories.get('kremlin-pitches-joint-fight-against-isis-to-trump');
  if (!admin || !editor || !producer || !review || !draft || !lead || (await notes.storyHasNotes(review))) return false;
  await db.transaction(async (tx) => {
    const asked = await notes.insert(tx, {
      storyId: review,
      authorId: admin.id,
      body: `@${editor.name} can you add the numbers of the 2014 executive orders before this goes out?`,
      anchor: { kind: 'paragraph', index: 0 },
    });
    if (asked) await notes.addMentions(tx, asked, [editor.id]);
    await notes.insert(tx, {
      storyId: draft,
      authorId: producer.id,
      body: 'Tape from the delegation spokesperson is in the audio library: 40 seconds, usable from 0:12.',
      anchor: null,
    });
    const checked = await notes.insert(tx, {
      storyId: lead,
      authorId: editor.id,
      body: 'Check the headline against the wire copy.',
      anchor: null,
    });
    if (checked) await notes.update(tx, checked, admin.id, { resolved: true });
  });
  return true;
}
