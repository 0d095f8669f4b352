// Issue #14's targets table judged against one bench run: `met` / `MISSED` per row and backend.
// Pure: it takes the runs' figures and the audio micro-bench rows, does no I/O.
import { median } from './stats.js';
import type { BenchBackend, SubjectId } from './subjects.js';

/** The figures of a run the verdict reads (a RunResult has them all). */
export interface JudgedRun {
  subject: string;
  cpuSecPerMin: number;
  peakTreeMb: number;
  bargeInMs: number[];
}

export type TargetKind = 'cpu' | 'rss' | 'barge-in' | 'heard-position';
export type Status = 'met' | 'MISSED' | 'not measured';

export interface Verdict {
  figure: string;
  kind: TargetKind;
  backend: BenchBackend;
  /** Measured value (a ratio for cpu/rss, ms otherwise); NaN when the run did not produce it. */
  measured: number;
  limit: number;
  unit: 'x' | 'ms';
  status: Status;
  /** The voicechat subject whose profile explains a CPU or RSS miss. */
  subject?: SubjectId;
}

const BACKENDS: readonly BenchBackend[] = ['portaudio', 'pulse'];
const PEER: SubjectId = 'openai-sdk';
const NO_TUI: Record<BenchBackend, SubjectId> = { portaudio: 'vc', pulse: 'vc-pulse' };
const TUI: Record<BenchBackend, SubjectId> = { portaudio: 'vc-tui', pulse: 'vc-tui-pulse' };
/** Barge-in is pooled over the headless runs of a backend, both providers (the table's rows). */
const BARGE_IN: Record<BenchBackend, SubjectId[]> = {
  portaudio: ['vc', 'vc-gemini'],
  pulse: ['vc-pulse', 'vc-gemini-pulse'],
};

export const LIMITS = {
  cpuNoTui: { portaudio: 1.3, pulse: 1.0 },
  cpuTui: { portaudio: 1.3, pulse: 1.3 },
  rssTree: { portaudio: 1.5, pulse: 1.1 },
  bargeInMedianMs: 5,
  bargeInWorstMs: 12,
  heardErrorMs: 10,
} as const;

/** The micro-bench row with the worst |playedMs - heard| of a backend (bench/audio.ts writes it). */
export const heardErrorLabel = (backend: BenchBackend): string => `${backend}: |playedMs - heard|, worst (ms)`;

function medianOf(runs: readonly JudgedRun[], id: SubjectId, f: (r: JudgedRun) => number): number {
  const xs = runs
    .filter((r) => r.subject === id)
    .map(f)
    .filter(Number.isFinite);
  return xs.length === 0 ? Number.NaN : median(xs);
}

function status(measured: number, limit: number): Status {
  if (!Number.isFinite(measured)) return 'not measured';
  return measured <= limit ? 'met' : 'MISSED';
}

export function judgeTargets(runs: readonly JudgedRun[], audioRows: readonly (readonly [string, string])[]): Verdict[] {
  const out: Verdict[] = [];
  const ratioRow = (
    figure: string,
    kind: 'cpu' | 'rss',
    backend: BenchBackend,
    subject: SubjectId,
    limit: number,
    f: (r: JudgedRun) => number,
  ): void => {
    const measured = medianOf(runs, subject, f) / medianOf(runs, PEER, f);
    out.push({ figure, kind, backend, measured, limit, unit: 'x', status: status(measured, limit), subject });
  };
  for (const b of BACKENDS)
    ratioRow('CPU, no TUI (vs openai SDK peer)', 'cpu', b, NO_TUI[b], LIMITS.cpuNoTui[b], (r) => r.cpuSecPerMin);
  for (const b of BACKENDS)
    ratioRow('CPU, TUI on (vs openai SDK peer)', 'cpu', b, TUI[b], LIMITS.cpuTui[b], (r) => r.cpuSecPerMin);
  for (const b of BACKENDS)
    ratioRow('peak RSS, process tree (vs peer)', 'rss', b, NO_TUI[b], LIMITS.rssTree[b], (r) => r.peakTreeMb);
  for (const b of BACKENDS) {
    const all = runs.filter((r) => BARGE_IN[b].includes(r.subject as SubjectId)).flatMap((r) => r.bargeInMs);
    const finite = all.filter(Number.isFinite);
    const med = finite.length === 0 ? Number.NaN : median(finite);
    const worst = finite.length === 0 ? Number.NaN : Math.max(...finite);
    const base = { kind: 'barge-in', backend: b, unit: 'ms' } as const;
    out.push({
      ...base,
      figure: 'barge-in -> silent, median',
      measured: med,
      limit: LIMITS.bargeInMedianMs,
      status: status(med, LIMITS.bargeInMedianMs),
    });
    out.push({
      ...base,
      figure: 'barge-in -> silent, worst',
      measured: worst,
      limit: LIMITS.bargeInWorstMs,
      status: status(worst, LIMITS.bargeInWorstMs),
    });
  }
  for (const b of BACKENDS) {
    const row = audioRows.find(([label]) => label === heardErrorLabel(b));
    const measured = row === undefined ? Number.NaN : Number(row[1]);
    out.push({
      figure: 'heard-position error, worst',
      kind: 'heard-position',
      backend: b,
      measured,
      limit: LIMITS.heardErrorMs,
      unit: 'ms',
      status: status(measured, LIMITS.heardErrorMs),
    });
  }
  return out;
}

const show = (v: number, unit: 'x' | 'ms'): string =>
  Number.isFinite(v) ? (unit === 'x' ? `${v.toFixed(2)}x` : `${v.toFixed(1)} ms`) : '–';

/** The verdict as a table, one line per target and backend. */
export function formatVerdict(verdicts: readonly Verdict[]): string {
  const rows = verdicts.map((v) => [
    v.figure,
    v.backend,
    show(v.measured, v.unit),
    `<= ${v.unit === 'x' ? `${v.limit.toFixed(1)}x` : `${v.limit} ms`}`,
    v.status,
  ]);
  const header = ['target (issue #14)', 'backend', 'measured', 'goal', 'verdict'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
