'use client';

import type { Rundown } from '@newsdesk/contracts';
import { useEffect, useRef, useState } from 'react';

/**
 * The prompter: the scripts in rundown order, in large type, scrolling at an adjustable speed
 * (Space starts and stops, arrow keys change the speed), optionally mirrored for a beam-splitter glass.
 */
export function Prompter({ rundown }: { rundown: Rundown }) {
  const [mirrored, setMirrored] = useState(false);
  const [running, setRunning] = useState(false);
  const [speed, setSpeed] = useState(2);
  const [size, setSize] = useState(48);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => scroller.current?.scrollBy(0, speed), 30);
    return () => clearInterval(timer);
  }, [running, speed]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.target as HTMLElement | null)?.closest('input, select, button')) return;
      if (event.key === ' ') {
        event.preventDefault();
        setRunning((value) => !value);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        setSpeed((value) => Math.max(0, value - 1));
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        setSpeed((value) => Math.min(20, value + 1));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const scripted = rundown.items.filter((item) => item.scriptHtml);
  return (
    <section className="prompter-wrap" aria-label="Prompter">
      <div className="prompter-controls">
        <button type="button" className="button button-primary" onClick={() => setRunning((value) => !value)}>
          {running ? 'Pause (Space)' : 'Scroll (Space)'}
        </button>
        <label>
          Speed <input type="range" min={0} max={20} value={speed} onChange={(event) => setSpeed(Number(event.target.value))} />
        </label>
        <label>
          Size <input type="range" min={24} max={96} value={size} onChange={(event) => setSize(Number(event.target.value))} />
        </label>
        <label>
          <input type="checkbox" checked={mirrored} onChange={(event) => setMirrored(event.target.checked)} /> Mirrored
        </label>
      </div>
      <div
        ref={scroller}
        className={`prompter${mirrored ? ' prompter-mirrored' : ''}`}
        style={{ fontSize: `${size}px` }}
        data-testid="prompter"
        tabIndex={0}
      >
        {scripted.length ? (
          scripted.map((item) => (
            <div key={item.id} className="prompter-item">
              <p className="prompter-cue">▶ {item.title}</p>
              <div dangerouslySetInnerHTML={{ __html: item.scriptHtml }} />
            </div>
          ))
        ) : (
          <p>No scripts in this rundown yet.</p>
        )}
        <div className="prompter-end" />
      </div>
    </section>
  );
}
