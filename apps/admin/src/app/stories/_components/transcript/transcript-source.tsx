'use client';

import { TRANSCRIPT_FILE_MAX, type TranscriptFormat } from '@newsdesk/contracts';
import { useId } from 'react';

const FORMATS: Array<{ value: TranscriptFormat; label: string; extensions: string[] }> = [
  { value: 'text', label: 'Pasted transcript (broadcast text)', extensions: ['txt'] },
  { value: 'vtt', label: 'WebVTT captions (.vtt)', extensions: ['vtt'] },
  { value: 'srt', label: 'SRT captions (.srt)', extensions: ['srt'] },
  { value: 'stt-json', label: 'Speech-to-text JSON (WhisperX, Podcasting 2.0)', extensions: ['json'] },
];

/** The format a file's name suggests, if any. */
export function formatOfFile(name: string): TranscriptFormat | null {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return FORMATS.find((format) => format.extensions.includes(extension))?.value ?? null;
}

interface Props {
  format: TranscriptFormat;
  onFormat: (format: TranscriptFormat) => void;
  /** A file was chosen: its text, and the format its name suggests (else the chosen one). */
  onFile: (text: string, format: TranscriptFormat) => void;
  onProblem: (message: string) => void;
}

/**
 * Where the transcript comes from: pasted text, or a caption / speech-to-text file (read in the
 * browser, sent as text with its format to POST /api/transcripts/parse). Timed formats bring each
 * turn's times; diarized speakers (SPEAKER_00) come back to be mapped once below.
 */
export function TranscriptSource({ format, onFormat, onFile, onProblem }: Props) {
  const id = useId();
  return (
    <div className="transcript-source">
      <label htmlFor={`${id}-format`}>Format</label>
      <select id={`${id}-format`} value={format} onChange={(event) => onFormat(event.target.value as TranscriptFormat)}>
        {FORMATS.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-file`}>Or open a file</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".vtt,.srt,.json,.txt,text/vtt,application/x-subrip,application/json,text/plain"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          const text = await file.text();
          if (text.length > TRANSCRIPT_FILE_MAX) onProblem('A transcript file has at most 5,000,000 characters.');
          else onFile(text, formatOfFile(file.name) ?? format);
        }}
      />
    </div>
  );
}
