// Name cursors are cursor.ts's cursors with a text key: import from there. This re-export stays only
// until public/public-people.controller.ts (changed on another branch now) imports cursor.js.
export { decodeNameCursor } from './cursor.js';
