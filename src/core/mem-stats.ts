import { appendFileSync } from 'node:fs';

/** One line of the `VOICECHAT_MEMSTATS` file. */
export interface MemSample {
  /** Wall clock, ms since the epoch. */
  atMs: number;
  /** Since the process started. */
  uptimeMs: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** CPU time used so far, microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
}

export const MEMSTATS_ENV = 'VOICECHAT_MEMSTATS';
const DEFAULT_INTERVAL_MS = 10_000;
const STARTED = Symbol.for('voicechat.memstats');

export function takeMemSample(): MemSample {
  // with --expose-gc (the soak benchmark), sample the live heap rather than the GC's timing
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') gc();
  const mem = process.memoryUsage();
  const cpu = process.cpuUsage();
  return {
    atMs: Date.now(),
    uptimeMs: Math.round(process.uptime() * 1000),
    rss: mem.rss,
    heapTotal: mem.heapTotal,
    heapUsed: mem.heapUsed,
    external: mem.external,
    arrayBuffers: mem.arrayBuffers,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
  };
}

/**
 * `VOICECHAT_MEMSTATS=<file>`: appends a MemSample JSON line now and every 10 s
 * (`VOICECHAT_MEMSTATS_INTERVAL_MS` to change). Unset: returns at once, no timer. Idempotent.
 */
export function startMemStats(env: NodeJS.ProcessEnv = process.env): () => void {
  const file = env[MEMSTATS_ENV];
  const registry = globalThis as { [STARTED]?: boolean };
  if (file === undefined || file === '' || registry[STARTED] === true) return () => undefined;
  registry[STARTED] = true;
  const interval = Number(env['VOICECHAT_MEMSTATS_INTERVAL_MS']);
  const write = (): void => {
    try {
      appendFileSync(file, `${JSON.stringify(takeMemSample())}\n`);
    } catch {
      // a diagnostics file that cannot be written must not disturb the conversation
    }
  };
  write();
  const timer = setInterval(write, Number.isFinite(interval) && interval >= 100 ? interval : DEFAULT_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    registry[STARTED] = false;
  };
}
