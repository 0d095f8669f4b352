// Summarises V8 CPU profiles (.cpuprofile JSON, as written by bench/lib/profile-preload.mjs):
// self time per function, grouped by where the code comes from. Pure: no I/O.

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  /** Microseconds since the previous sample (the first since startTime). */
  timeDeltas?: number[];
}

/** Ink and the packages it lays out and wraps text with. */
const UI_PACKAGES = new Set([
  'ink',
  'react',
  'react-reconciler',
  'scheduler',
  'yoga-layout',
  'wrap-ansi',
  'string-width',
  'strip-ansi',
  'slice-ansi',
  'cli-truncate',
  'cli-boxes',
  'cli-cursor',
  'ansi-escapes',
  'ansi-regex',
  'ansi-styles',
  'widest-line',
  'emoji-regex',
  'get-east-asian-width',
  'chalk',
]);
const WIRE_BUILTINS = new Set([
  'parse',
  'stringify',
  'base64Slice',
  'base64Write',
  'toString',
  'from',
  'JSONParse',
  'JSONStringify',
]);

export const ORIGINS = {
  ui: 'ink/react/yoga',
  wire: 'ws/JSON/base64',
  resampler: 'resampler',
  gc: 'GC',
  idle: 'idle',
  program: 'native (program)',
  nodeCore: 'node core (net, streams, timers, ipc)',
  builtins: 'builtins & native calls',
  profiler: 'bench profiler (preload)',
} as const;

function packageOf(url: string): string | undefined {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return m?.[1];
}

/** Where a function's code comes from: one of ORIGINS, `src/<file>` for ours, `deps: <pkg>` for others. */
export function originOf(frame: CallFrame): string {
  const { functionName, url } = frame;
  if (functionName === '(garbage collector)') return ORIGINS.gc;
  if (functionName === '(idle)') return ORIGINS.idle;
  if (functionName === '(program)' || functionName === '(root)') return ORIGINS.program;
  if (url.includes('voicechat-bench-profile')) return ORIGINS.profiler;
  const pkg = packageOf(url);
  if (pkg !== undefined) {
    if (UI_PACKAGES.has(pkg)) return ORIGINS.ui;
    if (pkg === 'ws') return ORIGINS.wire;
    if (pkg === 'speex-resampler') return ORIGINS.resampler;
    return `deps: ${pkg}`;
  }
  if (url.startsWith('wasm://')) return ORIGINS.resampler; // speex is the only WebAssembly voicechat loads
  // ours: src/ run through tsx, or its build in dist/ (same layout), or bin/
  const ours = /\/(?:src|dist)\/([^?#]+)$/.exec(url)?.[1];
  if (ours !== undefined) return /^audio\/resampler\./.test(ours) ? ORIGINS.resampler : `src/${ours}`;
  const bin = /\/(bin\/[^?#]+)$/.exec(url)?.[1];
  if (bin !== undefined) return bin;
  if (url === 'node:buffer' || url.includes('internal/buffer')) return ORIGINS.wire;
  if (url.startsWith('node:')) return ORIGINS.nodeCore;
  if (url === '' && WIRE_BUILTINS.has(functionName)) return ORIGINS.wire;
  if (url === '') return ORIGINS.builtins;
  return `other: ${url.replace(/^file:\/\//, '')}`;
}

export interface SelfTime {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by origin, largest first. */
  byOrigin: SelfTime[];
  /** Self time by function (`name (file:line) [origin]`), largest first. */
  byFunction: SelfTime[];
}

const sorted = (m: Map<string, number>): SelfTime[] =>
  [...m.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);

/**
 * A native function or V8 builtin (no script) counts for the code that called it: FfiHandle under
 * the echo canceller is the canceller's cost, writev under node:net is node core's. JSON and
 * base64 builtins keep their own group (originOf).
 */
function originsOf(p: CpuProfile): Map<number, string> {
  const frames = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<number, string>();
  for (const n of p.nodes) {
    let origin = originOf(n.callFrame);
    for (let up = parent.get(n.id); origin === ORIGINS.builtins && up !== undefined; up = parent.get(up)) {
      const caller = frames.get(up);
      if (caller === undefined || caller.functionName === '(root)') break;
      const o = originOf(caller);
      if (o !== ORIGINS.builtins) origin = o;
    }
    out.set(n.id, origin);
  }
  return out;
}

/** Self time of every sample, summed over all the profiles given (e.g. the slices of one process). */
export function summarizeProfiles(profiles: readonly CpuProfile[]): ProfileSummary {
  const byOrigin = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let totalMs = 0;
  for (const p of profiles) {
    const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    const origins = originsOf(p);
    const samples = p.samples ?? [];
    const deltas = p.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const frame = nodes.get(id);
      if (frame === undefined) return;
      // a sample's time is the gap to the next one; the last sample gets the previous gap
      const ms = Math.max(0, deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
      const origin = origins.get(id) ?? originOf(frame);
      const file = frame.url === '' ? '' : ` (${frame.url.replace(/^.*\//, '')}:${frame.lineNumber + 1})`;
      const fn = `${frame.functionName || '(anonymous)'}${file} [${origin}]`;
      byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + ms);
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
      totalMs += ms;
    });
  }
  return { totalMs, byOrigin: sorted(byOrigin), byFunction: sorted(byFunction) };
}

/** Busy time only: idle is the event loop waiting, not work. */
export function busyMs(s: ProfileSummary): number {
  return s.totalMs - (s.byOrigin.find((o) => o.name === ORIGINS.idle)?.ms ?? 0);
}
