// Audio engine benchmark (not a test): `npx tsx bench/audio.ts`, or part of `npm run bench` through
// runAudioBench(). Starts the virtual devices itself.
// Prints flush-to-silence latency, playedMs estimate error, resampler throughput and CPU cost.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAudioEngine } from '../src/audio/engine.js';
import { createResampler } from '../src/audio/resampler.js';
import { ensureAudioDevices, recordMonitor, sine, sleep } from '../test/audio/audio-env.js';
import type { AudioBackend } from '../src/audio/backend/choose-backend.js';
import { heardErrorLabel } from './lib/verdict.js';

const speakerOf = (backend: AudioBackend): string => (backend === 'pulse' ? 'vc_out' : 'vc_speaker');

const LOUD = 500;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

async function benchFlush(
  rounds: number,
  backend: AudioBackend,
): Promise<{ silenceMs: number[]; errorMs: number[]; callMs: number[] }> {
  const monitor = recordMonitor();
  const engine = createAudioEngine(
    {
      input: { kind: 'none' },
      output: { kind: 'device', device: speakerOf(backend) },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    },
    // rounds come every ~1 s: without the spare a cold PortAudio player (0.4-1.3 s on a busy
    // machine) is not back before the next round
    { backend, warmSparePlayer: true },
  );
  await engine.start();
  await sleep(300);
  const events: { playAt: number; flushAt: number; playedMs: number }[] = [];
  const callMs: number[] = [];
  for (let k = 0; k < rounds; k++) {
    const playAt = performance.now();
    engine.play(sine(24000 * 2, 24000, 440), `r${k}`);
    await sleep(500 + ((k * 37) % 300));
    const flushAt = performance.now();
    const reports = engine.flush();
    callMs.push(performance.now() - flushAt);
    events.push({ playAt, flushAt, playedMs: reports[0]?.playedMs ?? Number.NaN });
    await sleep(350);
  }
  await engine.stop();
  await monitor.stop();
  const pcm = monitor.samples();
  const silenceMs: number[] = [];
  const errorMs: number[] = [];
  let i = 0;
  for (const e of events) {
    let first = -1;
    let last = -1;
    for (; i < pcm.length; i++) {
      const t = monitor.sampleTimeMs(i);
      if (t > e.flushAt + 300) break;
      if (t < e.playAt || Math.abs(pcm[i] ?? 0) <= LOUD) continue;
      if (first < 0) first = i;
      last = i;
    }
    silenceMs.push(monitor.sampleTimeMs(last) - e.flushAt);
    errorMs.push(e.playedMs - (last - first) / 48);
  }
  return { silenceMs, errorMs, callMs };
}

async function benchResampler(inRate: number, outRate: number): Promise<number> {
  const rs = await createResampler(inRate, outRate);
  const seconds = 60;
  const input = sine(inRate * seconds, inRate, 440);
  const chunk = inRate / 50;
  const t0 = performance.now();
  for (let i = 0; i < input.length; i += chunk) rs.process(input.subarray(i, i + chunk));
  return seconds / ((performance.now() - t0) / 1000);
}

function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

async function benchDuplexCpu(
  seconds: number,
  backend: AudioBackend,
): Promise<{ hostsPerMin: number; parentPerMin: number }> {
  const pids: number[] = [];
  const engine = createAudioEngine(
    {
      input: { kind: 'device', device: 'vc_mic' },
      output: { kind: 'device', device: speakerOf(backend) },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    },
    { onHostSpawn: ({ pid }) => pids.push(pid), backend },
  );
  let frames = 0;
  engine.onFrame(() => frames++);
  await engine.start();
  await sleep(500);
  const hostsBefore = pids.map(processCpuSeconds);
  const parentBefore = process.cpuUsage();
  const tone = sine(24000 * seconds, 24000, 440);
  const t0 = performance.now();
  for (let n = 0; n * 480 < tone.length; n++) {
    await sleep(Math.max(0, t0 + n * 20 - performance.now()));
    engine.play(tone.subarray(n * 480, n * 480 + 480), 'duplex');
  }
  await engine.drain();
  const elapsed = (performance.now() - t0) / 1000;
  const parent = process.cpuUsage(parentBefore);
  const hostsCpu = pids.map((pid, i) => processCpuSeconds(pid) - (hostsBefore[i] ?? 0)).reduce((a, b) => a + b, 0);
  await engine.stop();
  if (frames < seconds * 40) console.error(`warning: only ${frames} capture frames in ${seconds} s`);
  return {
    hostsPerMin: (hostsCpu * 60) / elapsed,
    parentPerMin: (((parent.user + parent.system) / 1e6) * 60) / elapsed,
  };
}

export interface AudioBenchOptions {
  flushRounds: number;
  cpuSeconds: number;
  backends?: AudioBackend[];
}

/** The engine micro-benchmarks as [label, value] rows. */
export async function runAudioBench(
  options: AudioBenchOptions = { flushRounds: 20, cpuSeconds: 20 },
): Promise<[string, string][]> {
  const problem = ensureAudioDevices();
  const rows: [string, string][] = [];
  const n = options.flushRounds;
  const backends = options.backends ?? ['portaudio', 'pulse'];
  if (problem === undefined) {
    for (const b of backends) {
      const flush = await benchFlush(n, b);
      rows.push([`${b}: flush -> silence, median of ${n} (ms)`, median(flush.silenceMs).toFixed(1)]);
      rows.push([`${b}: flush -> silence, worst of ${n} (ms)`, Math.max(...flush.silenceMs).toFixed(1)]);
      rows.push([`${b}: flush() call, median (ms)`, median(flush.callMs).toFixed(2)]);
      // a round whose flush found nothing playing has no estimate: count it rather than poison the worst with NaN
      const errors = flush.errorMs.filter(Number.isFinite);
      rows.push([`${b}: playedMs - heard, median (ms)`, median(errors).toFixed(1)]);
      rows.push([heardErrorLabel(b), errors.length === 0 ? 'NaN' : Math.max(...errors.map(Math.abs)).toFixed(1)]);
      if (errors.length < n) rows.push([`${b}: rounds without a playedMs estimate`, String(n - errors.length)]);
      if (process.env['VC_BENCH_ERRORS'] === '1') console.error(b, flush.errorMs.map((e) => e.toFixed(1)).join(' '));
    }
  } else {
    rows.push(['flush latency', `skipped: ${problem}`]);
  }
  for (const [a, b] of [
    [48000, 16000],
    [48000, 24000],
    [24000, 48000],
  ] as const) {
    rows.push([`resampler ${a / 1000}k -> ${b / 1000}k (x real time)`, (await benchResampler(a, b)).toFixed(0)]);
  }
  if (problem === undefined && options.cpuSeconds > 0) {
    for (const b of backends) {
      const cpu = await benchDuplexCpu(options.cpuSeconds, b);
      rows.push([`${b}: duplex CPU, host processes (s per min)`, cpu.hostsPerMin.toFixed(2)]);
      rows.push([`${b}: duplex CPU, parent (s per min)`, cpu.parentPerMin.toFixed(2)]);
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const only = arg('backend');
  const rows = await runAudioBench({
    flushRounds: Number(arg('rounds') ?? 20),
    cpuSeconds: Number(arg('cpu-seconds') ?? 20),
    backends: only === 'pulse' || only === 'portaudio' ? [only] : undefined,
  });
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
