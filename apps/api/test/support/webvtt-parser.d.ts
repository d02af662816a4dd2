/** The few parts of webvtt-parser (2.2.0, untyped CommonJS) the timed-transcript tests read. */
declare module 'webvtt-parser' {
  export interface VttNode {
    type: 'text' | 'object' | 'timestamp';
    name?: string;
    value?: string;
    classes?: string[];
    children?: VttNode[];
  }
  export interface VttCue {
    id: string;
    startTime: number;
    endTime: number;
    text: string;
    tree: { children: VttNode[] };
  }
  export interface VttParseResult {
    cues: VttCue[];
    errors: Array<{ message: string; line: number; col: number }>;
  }
  export class WebVTTParser {
    parse(input: string, mode?: 'metadata' | 'chapters'): VttParseResult;
  }
}
