// Terminal output: colours (only on a TTY, and never with NO_COLOR), step headers, a box.
const useColor = process.stdout.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
const paint = (code) => (text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : String(text));

export const color = {
  bold: paint('1'),
  dim: paint('2'),
  red: paint('31'),
  green: paint('32'),
  yellow: paint('33'),
  blue: paint('34'),
  magenta: paint('35'),
  cyan: paint('36'),
};

/** "1.2s", "2m 03s". */
export function formatDuration(ms) {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

export function info(message) {
  console.log(`${color.blue('[newsdesk]')} ${message}`);
}

export function warn(message) {
  console.warn(`${color.yellow('[newsdesk]')} ${message}`);
}

export function error(message) {
  console.error(`${color.red('[newsdesk]')} ${message}`);
}

export function step(title) {
  console.log(`\n${color.bold(color.blue(`==> ${title}`))}`);
}

/** Prints lines inside a box. */
export function box(lines) {
  // eslint-disable-next-line no-control-regex
  const visible = (line) => line.replace(/\x1b\[[0-9;]*m/g, '').length;
  const width = Math.max(...lines.map(visible));
  const out = [`┌${'─'.repeat(width + 2)}┐`];
  for (const line of lines) out.push(`│ ${line}${' '.repeat(width - visible(line))} │`);
  out.push(`└${'─'.repeat(width + 2)}┘`);
  console.log(`\n${out.join('\n')}\n`);
}

/** Removes ANSI escape sequences. */
export function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
