// One measured run: local replay server + looping speech into the virtual mic + monitor
// recording + the subject process (plain, or inside tmux for the TUI), then the figures.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReplayServer } from '../../test/support/replay-server.js';
import { analyze, readTiming, type RunFigures } from './analyze.js';
import { recordMonitor } from './monitor.js';
import { TreeWatch, treePids, type MainMemory, type ProcessShare } from './proc.js';
import { sleep } from './stats.js';
import type { Subject } from './subjects.js';
import { buildWorkload, type WorkloadOptions } from './workload.js';

export interface RunResult extends RunFigures {
  subject: string;
  startToReadyMs: number;
  cpuSecPerMin: number;
  peakTreeMb: number;
  peakMainMb: number;
  windowSec: number;
  /** Machine load while the run ended: other work on the 2 cores distorts CPU and latency. */
  loadavg1m: number;
  /** Per role (main, capture/player host, pacat, parec): CPU in the window, RSS at the tree's peak. */
  processes?: ProcessShare[];
  /** The main process's anonymous vs file-backed RSS at the tree's peak. */
  mainMemory?: MainMemory;
  /** pid -> role of every process the tree had (names the profiled run's per-process profiles). */
  pidRoles?: Record<string, string>;
  /** The measured window (epoch ms): CPU figures cover only this span. */
  windowStartMs?: number;
  windowEndMs?: number;
}

const TMUX = ['-L', 'vcbench'];
const now = (): number => performance.timeOrigin + performance.now();
const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Loops a WAV into the virtual microphone until stopped. */
function startMic(wav: string): ChildProcess {
  return spawn('bash', ['-c', `while :; do paplay --device=vc_mic_bus ${quote(wav)} || sleep 0.2; done`], {
    stdio: 'ignore',
    detached: true,
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function killTree(pid: number): void {
  for (const p of treePids(pid).reverse()) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined || performance.now() > end) return v;
    await sleep(25);
  }
}

/** Starts the subject; returns the pid of its main (node) process and a stop function. */
function launch(subject: Subject, args: string[], env: NodeJS.ProcessEnv): { pid: number; stop: () => Promise<void> } {
  if (!subject.tui) {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
    if (child.pid === undefined) throw new Error(`could not start ${subject.label}`);
    const exited = new Promise((r) => child.once('exit', r));
    return {
      pid: child.pid,
      stop: async () => {
        child.kill('SIGINT');
        await Promise.race([exited, sleep(2000)]);
        killTree(child.pid ?? 0);
      },
    };
  }
  const vars = [
    'PATH',
    'HOME',
    'XDG_RUNTIME_DIR',
    'PULSE_SERVER',
    'ALSA_CONFIG_PATH',
    'OPENAI_API_KEY',
    'GEMINI_API_KEY',
    'VOICECHAT_TRACE_TIMING',
    'XDG_CONFIG_HOME',
    // a profiled run (bench/lib/evidence.ts) reaches the TUI through these
    'NODE_OPTIONS',
    'BENCH_CPU_PROF_DIR',
  ]
    .filter((k) => env[k] !== undefined)
    .map((k) => `${k}=${quote(env[k] ?? '')}`);
  const command = `exec env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${vars.join(' ')} ${quote(process.execPath)} ${args.map(quote).join(' ')}`;
  execFileSync('tmux', [...TMUX, 'new-session', '-d', '-s', 'bench', '-x', '100', '-y', '30', command], {
    cwd: process.cwd(),
  });
  const pid = Number(
    execFileSync('tmux', [...TMUX, 'list-panes', '-t', 'bench', '-F', '#{pane_pid}'], { encoding: 'utf8' }).trim(),
  );
  return {
    pid,
    stop: async () => {
      try {
        execFileSync('tmux', [...TMUX, 'send-keys', '-t', 'bench', 'q']);
      } catch {
        // session already gone
      }
      await waitFor(() => (treePids(pid).length === 1 && !isAlive(pid) ? true : undefined), 2000);
      killTree(pid);
      try {
        execFileSync('tmux', [...TMUX, 'kill-server'], { stdio: 'ignore' });
      } catch {
        // no server left
      }
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function runSubject(
  subject: Subject,
  o: WorkloadOptions,
  micWav: string,
  progress: (s: string) => void,
  /** Extra environment for this run only (the profiled evidence run). */
  extraEnv: Record<string, string> = {},
): Promise<RunResult> {
  const workload = buildWorkload(subject.dialect, o);
  const server = await startReplayServer({
    trace: workload.trace,
    dialect: subject.dialect,
    binaryFrames: subject.dialect === 'gemini',
    audioPace: 1,
    toneHz: 440,
    gateTimeoutMs: o.pauseMs,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vc-bench-'));
  const logFile = join(dir, 'timing.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    OPENAI_API_KEY: 'sk-bench-local',
    GEMINI_API_KEY: 'bench-local',
    XDG_CONFIG_HOME: dir,
    ...(subject.kind === 'voicechat' ? { VOICECHAT_TRACE_TIMING: logFile } : { BENCH_TIMING_LOG: logFile }),
    ...subject.env,
    ...extraEnv,
  };
  const mic = startMic(micWav);
  const monitor = recordMonitor();
  await sleep(300);
  const spawnAt = now();
  const launched = launch(subject, subject.args(server.httpBase), env);
  let stopping: Promise<void> | undefined;
  const proc = { pid: launched.pid, stop: () => (stopping ??= launched.stop()) };
  const watch = new TreeWatch(proc.pid);
  try {
    const readyAt = await waitFor(() => readTiming(logFile).find((l) => l.ev === 'session.ready')?.t, 15_000);
    if (readyAt === undefined) throw new Error(`${subject.label}: no session.ready within 15 s`);
    await sleep(2000); // audio hosts up, steady state
    const perPid0 = watch.cpuSnapshot();
    const cpu0 = watch.cpuSec();
    const t0 = performance.now();
    const windowStartMs = now();
    await Promise.race([server.scriptDone(0), sleep(o.durationSec * 1000 + 30_000)]);
    await sleep(500);
    const perPid1 = watch.cpuSnapshot();
    const cpu1 = watch.cpuSec();
    const windowSec = (performance.now() - t0) / 1000;
    progress(
      `${subject.label}: ${windowSec.toFixed(0)} s measured, ${server.skippedGates.filter((g) => g !== 'bench.pause' && g !== 'toolResponse').length} unexpected skipped gates`,
    );
    const result = {
      subject: subject.id,
      startToReadyMs: readyAt - spawnAt,
      cpuSecPerMin: ((cpu1 - cpu0) * 60) / windowSec,
      peakTreeMb: watch.peakTreeMb(),
      peakMainMb: watch.peakMainMb(),
      windowSec,
      loadavg1m: loadavg()[0] ?? 0,
      processes: watch.shares(perPid0, perPid1, windowSec),
      mainMemory: watch.mainAtPeak(),
      pidRoles: watch.roles(),
      windowStartMs,
      windowEndMs: now(),
    };
    watch.stop();
    await proc.stop();
    await monitor.stop();
    const figures = analyze(subject.kind, readTiming(logFile), workload, monitor);
    return { ...result, ...figures };
  } finally {
    watch.stop();
    await proc.stop();
    killGroup(mic);
    await monitor.stop();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
