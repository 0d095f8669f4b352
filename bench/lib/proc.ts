// CPU time and memory of a process tree, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100; // USER_HZ

interface Stat {
  pid: number;
  ppid: number;
  cpuSec: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuSec: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC };
  } catch {
    return undefined;
  }
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m === null ? 0 : Number(m[1]);
  } catch {
    return 0;
  }
}

/** The pid and all its live descendants. */
export function treePids(root: number): number[] {
  const stats = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is Stat => s !== undefined);
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const s of stats) if (s.ppid === out[i]) out.push(s.pid);
  return out;
}

/**
 * Follows a process tree while it runs: CPU seconds (dead children keep counting with their last
 * reading; killed spare/playing audio hosts are short-lived), peak summed RSS, and each member's own peak.
 */
export class TreeWatch {
  readonly #root: number;
  readonly #cpu = new Map<number, number>();
  readonly #hwm = new Map<number, number>();
  #peakTreeKb = 0;
  #timer: NodeJS.Timeout;

  constructor(root: number, intervalMs = 200) {
    this.#root = root;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    let rss = 0;
    for (const pid of treePids(this.#root)) {
      const s = readStat(pid);
      if (s !== undefined) this.#cpu.set(pid, s.cpuSec);
      rss += statusKb(pid, 'VmRSS');
      this.#hwm.set(pid, Math.max(this.#hwm.get(pid) ?? 0, statusKb(pid, 'VmHWM')));
    }
    this.#peakTreeKb = Math.max(this.#peakTreeKb, rss);
  }

  /** Total CPU seconds used so far by every process seen in the tree. */
  cpuSec(): number {
    this.sample();
    let sum = 0;
    for (const v of this.#cpu.values()) sum += v;
    return sum;
  }

  peakTreeMb(): number {
    return this.#peakTreeKb / 1024;
  }

  peakMainMb(): number {
    return (this.#hwm.get(this.#root) ?? 0) / 1024;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
