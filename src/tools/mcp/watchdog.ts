import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';

/**
 * A tiny detached process that outlives voicechat by a moment: it holds the process-group ids of
 * the MCP servers and, when its stdin closes (voicechat exited, crashed, or was SIGKILLed - the
 * kernel closes the pipe in every case), kills those groups. Normal shutdown removes each group
 * first, so the watchdog then exits with nothing to do.
 */
const SCRIPT = `
const groups = new Set();
let buffer = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  let at;
  while ((at = buffer.indexOf('\\n')) >= 0) {
    const line = buffer.slice(0, at); buffer = buffer.slice(at + 1);
    const pid = Number(line.slice(1));
    if (!Number.isInteger(pid) || pid <= 1) continue;
    if (line[0] === '+') groups.add(pid); else if (line[0] === '-') groups.delete(pid);
  }
});
const killAll = (signal) => { for (const pid of groups) { try { process.kill(-pid, signal); } catch {} } };
process.stdin.on('close', () => {
  if (groups.size === 0) process.exit(0);
  killAll('SIGTERM');
  setTimeout(() => { killAll('SIGKILL'); process.exit(0); }, 1500);
});
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
`;

export class ProcessGroupWatchdog {
  readonly #child: ChildProcess;
  readonly #stdin: Writable;

  constructor() {
    this.#child = spawn(process.execPath, ['-e', SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    this.#child.on('error', () => undefined);
    const stdin = this.#child.stdin;
    if (stdin === null) throw new Error('watchdog has no stdin');
    stdin.on('error', () => undefined);
    this.#stdin = stdin;
    // neither the process nor its pipe keeps voicechat alive
    this.#child.unref();
    (stdin as Writable & { unref?: () => void }).unref?.();
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  watch(pgid: number): void {
    this.#stdin.write(`+${pgid}\n`);
  }

  unwatch(pgid: number): void {
    this.#stdin.write(`-${pgid}\n`);
  }

  /** Normal shutdown: every group was already unwatched, so the watchdog just exits. */
  close(): void {
    this.#stdin.end();
  }
}
