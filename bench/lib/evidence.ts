// The "why" behind each missed target, produced by the same `npm run bench`: per-process CPU and
// RSS from the measured runs, then ONE extra profiled run per missed subject (after all measured
// runs, so the profiler never touches a figure) with a CPU profile of every Node process in the
// tree, summarised by origin. Profiles stay in bench/profiles/<subject>/ for Chrome DevTools.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { busyMs, summarizeProfiles, type CpuProfile } from './cpu-profile.js';
import type { ProcessShare } from './proc.js';
import { runSubject, type RunResult } from './run-subject.js';
import { median } from './stats.js';
import { SUBJECTS, type SubjectId } from './subjects.js';
import type { Verdict } from './verdict.js';
import type { WorkloadOptions } from './workload.js';

const PRELOAD_DIR = new URL('../../node_modules/.cache/voicechat-bench-profile/', import.meta.url);
const PROFILES = fileURLToPath(new URL('../profiles/', import.meta.url));

/** The preload as plain JS (the subjects run under `node`, without a TypeScript loader). */
function buildPreload(): string {
  const source = readFileSync(new URL('./profile-preload.ts', import.meta.url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(PRELOAD_DIR, { recursive: true });
  const file = new URL('profile-preload.mjs', PRELOAD_DIR);
  writeFileSync(file, outputText);
  return fileURLToPath(file);
}

interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const pct = (part: number, whole: number): string => `${whole > 0 ? ((part * 100) / whole).toFixed(0) : '0'}%`;

/** The measured run with the median CPU of a subject (the one the table's median stands for). */
function typicalRun(runs: readonly RunResult[], id: SubjectId | 'openai-sdk'): RunResult | undefined {
  const of = runs.filter((r) => r.subject === id).sort((a, b) => a.cpuSecPerMin - b.cpuSecPerMin);
  return of[(of.length - 1) >> 1];
}

function shareLines(shares: readonly ProcessShare[]): string[] {
  const w = Math.max(...shares.map((s) => s.role.length), 4);
  return shares.map(
    (s) =>
      `    ${s.role.padEnd(w)}  x${String(s.count).padEnd(3)} CPU ${s.cpuSecPerMin.toFixed(2).padStart(5)} s/min   RSS at tree peak ${s.rssAtPeakMb.toFixed(0).padStart(4)} MB`,
  );
}

/**
 * Profile slices in `dir` whose middle falls in the run's measured window (start-up is not in the
 * CPU figures either), grouped by the role of the process that wrote them.
 */
export function profilesByRole(dir: string, run: RunResult): Map<string, CpuProfile[]> {
  const out = new Map<string, CpuProfile[]>();
  const from = run.windowStartMs ?? -Infinity;
  const to = run.windowEndMs ?? Infinity;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const [pid = '', span = ''] = file.split('.');
    const [startMs = NaN, endMs = NaN] = span.split('-').map(Number);
    const mid = (startMs + endMs) / 2;
    if (!(mid >= from && mid <= to)) continue;
    const role = run.pidRoles?.[pid] ?? 'unknown (short-lived)';
    const list = out.get(role) ?? [];
    list.push(JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as CpuProfile);
    out.set(role, list);
  }
  return out;
}

function mainMemory(dir: string, run: RunResult): MemoryUsage | undefined {
  const mainPid = Object.entries(run.pidRoles ?? {}).find(([, role]) => role === 'main')?.[0];
  try {
    return JSON.parse(readFileSync(`${dir}/${mainPid}.memory.json`, 'utf8')) as MemoryUsage;
  } catch {
    return undefined;
  }
}

function profileLines(byRole: Map<string, CpuProfile[]>, run: RunResult): string[] {
  const lines: string[] = [];
  const summaries = [...byRole].map(([role, profiles]) => ({ role, s: summarizeProfiles(profiles) }));
  const perMin = (ms: number): string => ((ms / 1000) * (60 / run.windowSec)).toFixed(2);
  lines.push(
    `  CPU profile of each Node process's JS thread over the profiled run's ${run.windowSec.toFixed(0)} s window (self time, not idle;`,
    '  a blocking native call counts its wall time, so it can exceed /proc CPU; /proc CPU beyond it is other',
    '  threads: PortAudio/ALSA, libuv, V8 GC helpers; pacat/parec are not Node):',
  );
  for (const { role, s } of summaries.sort((a, b) => busyMs(b.s) - busyMs(a.s))) {
    const busy = busyMs(s);
    const procCpu = run.processes?.find((p) => p.role === role)?.cpuSecPerMin;
    lines.push(
      `    ${role}: JS thread not idle ${perMin(busy)} s/min${procCpu === undefined ? '' : `, /proc CPU ${procCpu.toFixed(2)} s/min`}`,
    );
    const origins = s.byOrigin.filter((o) => o.name !== 'idle' && o.ms >= busy * 0.02);
    lines.push(`      ${origins.map((o) => `${o.name} ${pct(o.ms, busy)}`).join(', ')}`);
  }
  const others = (run.processes ?? []).filter((p) => !byRole.has(p.role));
  if (others.length > 0)
    lines.push(
      `    not profiled (no Node): ${others.map((p) => `${p.role} ${p.cpuSecPerMin.toFixed(2)} s/min`).join(', ')}`,
    );
  const all = summarizeProfiles([...byRole.values()].flat());
  const busyAll = busyMs(all);
  lines.push('  top self-time functions, all processes (share of not-idle JS time):');
  for (const f of all.byFunction.filter((x) => !x.name.startsWith('(idle)')).slice(0, 12))
    lines.push(`    ${pct(f.ms, busyAll).padStart(4)}  ${f.name}`);
  return lines;
}

/** Evidence lines for every CPU/RSS miss (profiled runs included), and a short note per other miss. */
export async function gatherEvidence(
  verdicts: readonly Verdict[],
  runs: readonly RunResult[],
  workload: WorkloadOptions,
  micWav: string,
  progress: (s: string) => void,
): Promise<string[]> {
  const misses = verdicts.filter((v) => v.status === 'MISSED');
  if (misses.length === 0) return [];
  const lines: string[] = [
    'evidence for each miss (per-process figures from the measured runs; CPU profiles from one extra',
    'profiled run per subject after all measured runs, never counted in the table):',
  ];
  const subjects = [...new Set(misses.flatMap((v) => (v.subject === undefined ? [] : [v.subject])))];
  const peer = typicalRun(runs, 'openai-sdk');
  const preload = buildPreload();
  for (const id of subjects) {
    const missed = misses.filter((v) => v.subject === id);
    lines.push(
      '',
      `${SUBJECTS[id].label}: ${missed.map((v) => `${v.figure} ${v.measured.toFixed(2)}x > ${v.limit.toFixed(1)}x`).join('; ')}`,
    );
    const measured = typicalRun(runs, id);
    if (measured?.processes !== undefined) {
      lines.push(
        `  per process, measured run (tree CPU ${measured.cpuSecPerMin.toFixed(2)} s/min, peak tree RSS ${measured.peakTreeMb.toFixed(0)} MB; peer ${peer?.cpuSecPerMin.toFixed(2) ?? '–'} s/min, ${peer?.peakTreeMb.toFixed(0) ?? '–'} MB):`,
        ...shareLines(measured.processes),
      );
      const m = measured.mainMemory;
      if (m !== undefined)
        lines.push(
          `    main at the tree peak: anonymous ${m.anonMb.toFixed(0)} MB (V8 heap, buffers, malloc), file-backed ${m.fileMb.toFixed(0)} MB (node binary, addons, code), shmem ${m.shmemMb.toFixed(0)} MB`,
        );
    }
    const dir = `${PROFILES}${id}`;
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    progress(`profiled run: ${SUBJECTS[id].label}`);
    let profiled: RunResult;
    try {
      const nodeOptions = [process.env['NODE_OPTIONS'], `--import=${preload}`].filter(Boolean).join(' ');
      profiled = await runSubject(SUBJECTS[id], workload, micWav, progress, {
        NODE_OPTIONS: nodeOptions,
        BENCH_CPU_PROF_DIR: dir,
      });
    } catch (error) {
      lines.push(`  profiled run failed: ${(error as Error).message}`);
      continue;
    }
    const memory = mainMemory(dir, profiled);
    if (memory !== undefined)
      lines.push(
        `    main's largest process.memoryUsage() (profiled run): rss ${mb(memory.rss)} MB = V8 heap ${mb(memory.heapTotal)} MB (used ${mb(memory.heapUsed)}) + external ${mb(memory.external)} MB (array buffers ${mb(memory.arrayBuffers)}) + the rest (code, malloc)`,
      );
    lines.push(...profileLines(profilesByRole(dir, profiled), profiled));
    lines.push(`  profiles: ${dir}/ (open in Chrome DevTools > Performance)`);
  }
  const others = misses.filter((x) => x.subject === undefined);
  for (const kind of ['barge-in', 'heard-position'] as const)
    for (const backend of ['portaudio', 'pulse'] as const) {
      const group = others.filter((v) => v.kind === kind && v.backend === backend);
      if (group.length === 0) continue;
      lines.push(
        '',
        `${backend}: ${group.map((v) => `${v.figure} ${v.measured.toFixed(1)} ms > ${v.limit} ms`).join('; ')}`,
      );
      if (kind === 'barge-in') {
        const ids: SubjectId[] = backend === 'pulse' ? ['vc-pulse', 'vc-gemini-pulse'] : ['vc', 'vc-gemini'];
        for (const r of runs.filter((x) => ids.includes(x.subject as SubjectId)))
          lines.push(
            `  ${r.subject} (load ${r.loadavg1m.toFixed(1)}): ${[...r.bargeInMs]
              .sort((a, b) => a - b)
              .map((x) => x.toFixed(1))
              .join(' ')} ms (median ${median(r.bargeInMs).toFixed(1)})`,
          );
      } else {
        lines.push(`  per-round errors: \`VC_BENCH_ERRORS=1 npx tsx bench/audio.ts --backend ${backend}\``);
      }
    }
  return lines;
}
