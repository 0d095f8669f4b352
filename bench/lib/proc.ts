// CPU time and memory of a process tree, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100; // USER_HZ

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  cpuSec: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const comm = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      cpuSec: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SEC,
    };
  } catch {
    return undefined;
  }
}

type StatusKey = 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile' | 'RssShmem';

function statusKb(pid: number, keys: readonly StatusKey[]): Partial<Record<StatusKey, number>> {
  const out: Partial<Record<StatusKey, number>> = {};
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    for (const key of keys) {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
      if (m !== null) out[key] = Number(m[1]);
    }
  } catch {
    // gone
  }
  return out;
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

/** A Node child whose role is not known (yet): before its exec, or a helper such as the PortAudio probe. */
export const UNRESOLVED = 'node (no host role)';

/**
 * What a tree member is, for the per-process split: the main process, a Node audio host by the
 * role in its config argument, or the executable's name (pacat, parec).
 */
export function processRole(pid: number, root: number, comm: string, cmdline: string): string {
  if (pid === root) return 'main';
  const role = /"role":"(\w+)"/.exec(cmdline)?.[1];
  if (role !== undefined) return `${role} host`;
  return comm === 'node' || comm.startsWith('node ') ? UNRESOLVED : comm;
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** One role's share of the tree: CPU over the measured window, RSS at the tree's peak. */
export interface ProcessShare {
  role: string;
  /** Processes of this role seen during the window (players are respawned after each barge-in). */
  count: number;
  cpuSecPerMin: number;
  /** This role's RSS in the sample where the tree's summed RSS peaked. */
  rssAtPeakMb: number;
}

/** The main process's memory at the tree's peak: anonymous (V8 heap, external buffers, malloc) vs file-backed (code). */
export interface MainMemory {
  anonMb: number;
  fileMb: number;
  shmemMb: number;
}

/**
 * Follows a process tree while it runs: CPU seconds (dead children keep counting with their last
 * reading; killed spare/playing audio hosts are short-lived), peak summed RSS, and each member's own peak.
 */
export class TreeWatch {
  readonly #root: number;
  readonly #cpu = new Map<number, number>();
  readonly #hwm = new Map<number, number>();
  readonly #roles = new Map<number, string>();
  #peakTreeKb = 0;
  #atPeak = new Map<number, number>();
  #mainAtPeak: MainMemory = { anonMb: 0, fileMb: 0, shmemMb: 0 };
  #timer: NodeJS.Timeout;

  constructor(root: number, intervalMs = 200) {
    this.#root = root;
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    let rss = 0;
    const rssByPid = new Map<number, number>();
    for (const pid of treePids(this.#root)) {
      const s = readStat(pid);
      if (s !== undefined) {
        this.#cpu.set(pid, s.cpuSec);
        if (this.#roles.get(pid) === undefined || this.#roles.get(pid) === UNRESOLVED) {
          // a child seen between fork and exec still shows the parent's command line: ask again later
          this.#roles.set(pid, processRole(pid, this.#root, s.comm, readCmdline(pid)));
        }
      }
      const kb = statusKb(pid, ['VmRSS', 'VmHWM']);
      rss += kb.VmRSS ?? 0;
      rssByPid.set(pid, kb.VmRSS ?? 0);
      this.#hwm.set(pid, Math.max(this.#hwm.get(pid) ?? 0, kb.VmHWM ?? 0));
    }
    if (rss > this.#peakTreeKb) {
      this.#peakTreeKb = rss;
      this.#atPeak = rssByPid;
      const main = statusKb(this.#root, ['RssAnon', 'RssFile', 'RssShmem']);
      this.#mainAtPeak = {
        anonMb: (main.RssAnon ?? 0) / 1024,
        fileMb: (main.RssFile ?? 0) / 1024,
        shmemMb: (main.RssShmem ?? 0) / 1024,
      };
    }
  }

  /** Total CPU seconds used so far by every process seen in the tree. */
  cpuSec(): number {
    this.sample();
    let sum = 0;
    for (const v of this.#cpu.values()) sum += v;
    return sum;
  }

  /** CPU seconds so far per pid (take one at each end of a window and hand both to `shares`). */
  cpuSnapshot(): Map<number, number> {
    this.sample();
    return new Map(this.#cpu);
  }

  /** Per-role CPU over [before, after] (s per min of `windowSec`) and RSS at the tree's peak. */
  shares(before: Map<number, number>, after: Map<number, number>, windowSec: number): ProcessShare[] {
    const byRole = new Map<string, ProcessShare>();
    const roleOf = (pid: number): ProcessShare => {
      const role = this.#roles.get(pid) ?? 'unknown';
      let share = byRole.get(role);
      if (share === undefined) {
        share = { role, count: 0, cpuSecPerMin: 0, rssAtPeakMb: 0 };
        byRole.set(role, share);
      }
      return share;
    };
    for (const [pid, cpu] of after) {
      const used = cpu - (before.get(pid) ?? 0);
      if (used <= 0 && !this.#atPeak.has(pid)) continue; // not active in the window
      const share = roleOf(pid);
      share.count++;
      share.cpuSecPerMin += (used * 60) / windowSec;
    }
    for (const [pid, kb] of this.#atPeak) roleOf(pid).rssAtPeakMb += kb / 1024;
    return [...byRole.values()].sort((a, b) => b.cpuSecPerMin - a.cpuSecPerMin);
  }

  /** Every pid seen in the tree and its role (for naming per-process profiles). */
  roles(): Record<string, string> {
    return Object.fromEntries([...this.#roles].map(([pid, role]) => [String(pid), role]));
  }

  mainAtPeak(): MainMemory {
    return this.#mainAtPeak;
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
