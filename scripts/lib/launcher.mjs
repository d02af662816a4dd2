// npm does not pass a SIGINT/SIGTERM sent to its own pid on to the script: it exits and leaves
// the script running. So we watch the `npm` process that launched us (Linux: /proc) and treat
// its disappearance like a SIGTERM. A terminal Ctrl-C signals the whole group and needs none of this.
import { readFileSync } from 'node:fs';

function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

function isNpm(pid) {
  try {
    // npm renames its process ("npm start"), or shows as `node .../npm-cli.js start`
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return /^npm( |$)/.test(argv[0] ?? '') || argv.some((arg) => /(^|\/)npm(-cli\.js)?$/.test(arg));
  } catch {
    return false;
  }
}

/** Calls onGone() once if the npm process that started us exits. No-op outside npm or Linux. */
export function watchLauncher(onGone) {
  if (process.platform !== 'linux' || !process.env.npm_lifecycle_event) return;
  let pid = process.ppid;
  for (let depth = 0; depth < 3 && pid > 1 && !isNpm(pid); depth++) pid = parentOf(pid);
  if (pid <= 1 || !isNpm(pid)) return;
  const timer = setInterval(() => {
    try {
      process.kill(pid, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}
