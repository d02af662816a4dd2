import { formatDuration } from '@newsdesk/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { serverApi } from '@/lib/server-api';

export const metadata: Metadata = { title: 'Programs' };

/** Every program, with the way to its podcast settings, feed check and episodes. */
export default async function ProgramsPage() {
  const { items: programs } = await (await serverApi()).call('programs.list');
  return (
    <>
      <div className="page-header">
        <div>
          <p className="eyebrow">
            <Link href="/schedule">Schedule</Link>
          </p>
          <h1>Programs</h1>
        </div>
        <p className="muted">Each program can be a podcast: its live stories with playable audio are the episodes.</p>
      </div>
      {programs.length ? (
        <table className="story-table">
          <thead>
            <tr>
              <th scope="col">Program</th>
              <th scope="col">Hosts</th>
              <th scope="col">Usual length</th>
              <th scope="col">Podcast</th>
            </tr>
          </thead>
          <tbody>
            {programs.map((program) => (
              <tr key={program.id}>
                <td className="story-headline">
                  {program.name}
                  <span className="story-slug">{program.slug}</span>
                </td>
                <td>{program.hosts.length ? program.hosts.join(', ') : <span className="muted">—</span>}</td>
                <td className="nowrap">{formatDuration(program.defaultDurationSeconds)}</td>
                <td>
                  <Link href={`/schedule/programs/${program.id}/podcast`} aria-label={`${program.name} podcast`}>
                    Podcast settings and feed check
                  </Link>
                  {' · '}
                  <Link href={`/schedule/programs/${program.id}/clock`} aria-label={`${program.name} hour clock`}>
                    Hour clock
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">No programs yet. Add one from a station&apos;s week view.</p>
      )}
    </>
  );
}
