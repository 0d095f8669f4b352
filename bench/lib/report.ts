// The final table: voicechat beside its peer, min / median / max over runs, and the ratio.
import { minMedMax, quantile, median } from './stats.js';
import type { RunResult } from './run-subject.js';
import type { StartupTimes } from './startup.js';
import type { BenchBackend } from './subjects.js';
import { LIMITS } from './verdict.js';

export type Row = [figure: string, voicechat: string, peer: string, ratio: string, target: string];

const fmt = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

function triple(xs: number[], digits: number): string {
  const { min, med, max } = minMedMax(xs);
  return xs.length <= 1 ? fmt(med, digits) : `${fmt(min, digits)} / ${fmt(med, digits)} / ${fmt(max, digits)}`;
}

function ratio(a: number[], b: number[]): string {
  const r = median(a.filter(Number.isFinite)) / median(b.filter(Number.isFinite));
  return Number.isFinite(r) ? `${r.toFixed(2)}x` : '–';
}

export function compareRows(
  vc: RunResult[],
  peer: RunResult[],
  vcTui: RunResult[],
  tag: string,
  /** Whose issue #14 limits go in the target column (they are set against the openai peer). */
  backend: BenchBackend | undefined,
): Row[] {
  const goal = (limits: Record<BenchBackend, number>): string =>
    backend === undefined ? '' : `<= ${limits[backend]}x`;
  const rows: Row[] = [];
  const add = (figure: string, f: (r: RunResult) => number, digits: number, target: string, a = vc, b = peer): void => {
    const va = a.map(f);
    const vb = b.map(f);
    rows.push([`${tag} ${figure}`, triple(va, digits), triple(vb, digits), ratio(va, vb), target]);
  };
  add('client-added latency p50 (ms)', (r) => quantile(r.addedMs, 0.5), 2, '');
  add('client-added latency p99 (ms)', (r) => quantile(r.addedMs, 0.99), 2, '<= 2');
  add('barge-in -> silent, median (ms)', (r) => median(r.bargeInMs), 1, `<= ${LIMITS.bargeInMedianMs}`);
  add('barge-in -> silent, worst (ms)', (r) => Math.max(...r.bargeInMs), 1, `<= ${LIMITS.bargeInWorstMs}`);
  add('first audio -> audible, median (ms)', (r) => median(r.firstAudioMs), 1, '');
  add('CPU s per min, no TUI', (r) => r.cpuSecPerMin, 2, goal(LIMITS.cpuNoTui));
  if (vcTui.length > 0) add('CPU s per min, TUI (vs peer)', (r) => r.cpuSecPerMin, 2, goal(LIMITS.cpuTui), vcTui);
  add('peak RSS, process tree (MB)', (r) => r.peakTreeMb, 0, goal(LIMITS.rssTree));
  add('peak RSS, main process (MB)', (r) => r.peakMainMb, 0, '');
  if (vcTui.length > 0) add('peak RSS tree, TUI (MB)', (r) => r.peakTreeMb, 0, '', vcTui);
  add('process start -> session ready (ms)', (r) => r.startToReadyMs, 0, '');
  if (vcTui.length > 0) add('start -> ready, TUI in tmux (ms)', (r) => r.startToReadyMs, 0, '', vcTui);
  return rows;
}

export function startupRows(s: StartupTimes): Row[] {
  return [
    [
      '--help / SDK import (ms, median)',
      fmt(s.voicechatHelpMs, 0),
      `${fmt(s.openaiImportMs, 0)} (openai) ${fmt(s.genaiImportMs, 0)} (genai)`,
      ratio([s.voicechatHelpMs], [s.openaiImportMs]),
      '',
    ],
  ];
}

export function formatTable(header: Row, rows: Row[], extra: [string, string][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
  if (extra.length > 0) {
    out.push('', 'audio engine micro-bench (bench/audio.ts):');
    const w = Math.max(...extra.map(([k]) => k.length));
    for (const [k, v] of extra) out.push(`  ${k.padEnd(w)}  ${v}`);
  }
  return out.join('\n');
}
