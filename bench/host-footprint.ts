// Footprint of one PortAudio host pair under candidate Node/V8 flag sets (not a test):
//   npm run build && npx tsx bench/host-footprint.ts [--seconds 20] [--rounds 2] [--only name,name]
// Needs the virtual devices (source test/audio/start-audio.sh). For each flag set, rounds
// alternating with the other sets, it starts the compiled capture and player hosts
// (dist/audio/host/host-main.js) side by side at 24 kHz, streams 100 ms of PCM every 100 ms
// to the player, and reads from /proc: peak RSS (VmHWM) of each host, CPU (scheduler ns summed
// over threads) in the steady window after `ready`, threads, spawn -> ready, and the worst gap
// between consecutive player accepts / capture frames (an event-loop stall the flags caused).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Duplex } from 'node:stream';
import { leanNodeFlags } from '../src/audio/host/lean-node.js';
import {
  encodePacket,
  PacketDecoder,
  type FromHost,
  type HostConfig,
  type HostRole,
} from '../src/audio/host/protocol.js';

// what the hosts run with today: candidates are measured against it
const CURRENT = leanNodeFlags();

interface FlagSet {
  name: string;
  flags: string[];
  env?: Record<string, string>;
  /** Another host entry (e.g. a CommonJS bundle of the same sources). */
  entry?: string;
  /** Flags per host role, instead of `flags`. */
  byRole?: (role: HostRole) => string[];
}

const FLAG_SETS: FlagSet[] = [
  { name: 'node defaults', flags: [] },
  { name: 'current', flags: CURRENT },
  { name: '+ --single-threaded', flags: [...CURRENT, '--single-threaded'] },
  { name: '+ --single-threaded-gc', flags: [...CURRENT, '--single-threaded-gc'] },
  { name: '+ --lite-mode', flags: [...CURRENT, '--lite-mode'] },
  { name: '+ --jitless', flags: [...CURRENT, '--jitless'] },
  { name: '+ --no-opt', flags: [...CURRENT, '--no-opt'] },
  { name: '+ --optimize-for-size', flags: [...CURRENT, '--optimize-for-size'] },
  { name: '+ --stack-size=256', flags: [...CURRENT, '--stack-size=256'] },
  { name: 'old-space 16', flags: ['--max-semi-space-size=1', '--max-old-space-size=16', '--v8-pool-size=1'] },
  { name: '--v8-pool-size=0', flags: ['--max-semi-space-size=1', '--max-old-space-size=64', '--v8-pool-size=0'] },
  { name: '+ MALLOC_ARENA_MAX=1', flags: CURRENT, env: { MALLOC_ARENA_MAX: '1' } },
  { name: '+ MALLOC_ARENA_MAX=2', flags: CURRENT, env: { MALLOC_ARENA_MAX: '2' } },
  { name: '+ UV_THREADPOOL_SIZE=2', flags: CURRENT, env: { UV_THREADPOOL_SIZE: '2' } },
  // --no-opt where the player is respawned at every barge-in (TurboFan paid again each time)
  // --entry-cjs <file>: the same host bundled as CommonJS (no ESM loader in the process)
  ...(arg('entry-cjs') === undefined ? [] : [{ name: 'CommonJS entry', flags: CURRENT, entry: arg('entry-cjs') }]),
  { name: 'player --no-opt', flags: [], byRole: (role) => (role === 'player' ? [...CURRENT, '--no-opt'] : CURRENT) },
];

const SAMPLE_RATE = 24_000;
const SEND_MS = 100;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const seconds = Number(arg('seconds') ?? 20);
const rounds = Number(arg('rounds') ?? 2);
const only = arg('only')?.split(',');
const backendDevice = { capture: arg('mic') ?? 'vc_mic', player: arg('speaker') ?? 'vc_speaker' };

const entry = fileURLToPath(new URL('../dist/audio/host/host-main.js', import.meta.url));

function statusKb(pid: number, key: string): number {
  const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? 0 : Number(m[1]);
}

/** CPU nanoseconds per live thread, keyed `tid name`. */
function threadCpuNs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      out.set(`${tid} ${name}`, Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // thread ended between the listing and the read
    }
  }
  return out;
}

function threadDelta(before: Map<string, number>, after: Map<string, number>, minutes: number): string {
  const parts: string[] = [];
  for (const [k, v] of after) {
    const d = (v - (before.get(k) ?? 0)) / 1e9 / minutes;
    if (d >= 0.05) parts.push(`${k.split(' ').slice(1).join(' ')}=${d.toFixed(2)}`);
  }
  return parts.join(' ');
}

/** CPU nanoseconds of every live thread of the process (finer than /proc/pid/stat's 10 ms ticks). */
function cpuNs(pid: number): number {
  let sum = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      sum += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // thread ended between the listing and the read
    }
  }
  return sum;
}

interface HostRun {
  child: ChildProcess;
  pipe: Duplex;
  startedMs: number;
  readyMs: Promise<number>;
  /** Event times of accepts (player) or frames (capture). */
  eventsMs: number[];
}

function startHost(set: FlagSet, config: HostConfig): HostRun {
  const startedMs = performance.now();
  const child = spawn(
    process.execPath,
    [...(set.byRole?.(config.role) ?? set.flags), set.entry ?? entry, JSON.stringify(config)],
    {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...set.env },
    },
  );
  const pipe = child.stdio[3] as Duplex;
  const decoder = new PacketDecoder<FromHost>();
  const eventsMs: number[] = [];
  const readyMs = new Promise<number>((resolve, reject) => {
    pipe.on('data', (bytes: Buffer) => {
      for (const { header } of decoder.push(bytes)) {
        switch (header.type) {
          case 'ready':
            resolve(performance.now() - startedMs);
            break;
          case 'error':
            reject(new Error(`${config.role} host: ${header.message}`));
            break;
          case 'accepted':
            for (const a of header.accepts) eventsMs.push(a.atMs);
            break;
          case 'frame':
            eventsMs.push(performance.timeOrigin + performance.now());
            break;
          case 'heartbeat':
          case 'position':
          case 'devices':
            break;
        }
      }
    });
    child.on('exit', () => reject(new Error(`${config.role} host exited before ready`)));
  });
  readyMs.catch(() => {});
  return { child, pipe, startedMs, readyMs, eventsMs };
}

function tone(samples: number, offset: number): Uint8Array {
  const pcm = new Int16Array(samples);
  for (let i = 0; i < samples; i++)
    pcm[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * (offset + i)) / SAMPLE_RATE));
  return new Uint8Array(pcm.buffer);
}

function worstGapMs(eventsMs: number[]): number {
  let worst = 0;
  for (let i = 1; i < eventsMs.length; i++) worst = Math.max(worst, eventsMs[i]! - eventsMs[i - 1]!);
  return worst;
}

interface Result {
  playerHwmMb: number;
  captureHwmMb: number;
  playerCpuSecPerMin: number;
  captureCpuSecPerMin: number;
  threads: number;
  playerReadyMs: number;
  playerGapMs: number;
  captureGapMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function measure(set: FlagSet): Promise<Result> {
  const base = { sampleRate: SAMPLE_RATE, frameMs: 20, prebufferMs: 80, maxQueue: 3 };
  const player = startHost(set, { ...base, role: 'player', device: backendDevice.player });
  const capture = startHost(set, { ...base, role: 'capture', device: backendDevice.capture, maxQueue: 8 });
  const [playerReadyMs] = await Promise.all([player.readyMs, capture.readyMs]);
  const pids = [player.child.pid!, capture.child.pid!];
  // the first second warms up (JIT, first GCs); the steady window is what a session pays per minute
  let sent = 0;
  const sendTick = (): void => {
    const samples = (SAMPLE_RATE * SEND_MS) / 1000;
    player.pipe.write(encodePacket({ type: 'pcm', responseId: 'r1' }, tone(samples, sent)));
    sent += samples;
  };
  sendTick();
  const sender = setInterval(sendTick, SEND_MS);
  await sleep(1000);
  const cpuStart = pids.map(cpuNs);
  const threadsStart = pids.map(threadCpuNs);
  const steadyFromMs = performance.timeOrigin + performance.now();
  const windowStart = performance.now();
  await sleep(seconds * 1000);
  const elapsedMin = (performance.now() - windowStart) / 60_000;
  const cpuEnd = pids.map(cpuNs);
  const threadsEnd = pids.map(threadCpuNs);
  if (process.argv.includes('--per-thread'))
    process.stderr.write(
      `  ${set.name} s/min per thread: player ${threadDelta(threadsStart[0]!, threadsEnd[0]!, elapsedMin)} | capture ${threadDelta(threadsStart[1]!, threadsEnd[1]!, elapsedMin)}\n`,
    );
  const threads = threadCount(pids[0]!);
  clearInterval(sender);
  const hwm = pids.map((p) => statusKb(p, 'VmHWM') / 1024);
  for (const h of [player, capture]) h.child.kill('SIGKILL');
  const steady = (events: number[]): number[] => events.filter((t) => t >= steadyFromMs);
  return {
    playerHwmMb: hwm[0]!,
    captureHwmMb: hwm[1]!,
    playerCpuSecPerMin: (cpuEnd[0]! - cpuStart[0]!) / 1e9 / elapsedMin,
    captureCpuSecPerMin: (cpuEnd[1]! - cpuStart[1]!) / 1e9 / elapsedMin,
    threads,
    playerReadyMs,
    playerGapMs: worstGapMs(steady(player.eventsMs)),
    captureGapMs: worstGapMs(steady(capture.eventsMs)),
  };
}

function threadCount(pid: number): number {
  const m = /^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? 0 : Number(m[1]);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2;
}

async function main(): Promise<void> {
  const sets = FLAG_SETS.filter((s) => only === undefined || only.includes(s.name));
  const results = new Map<string, Result[]>();
  for (let round = 0; round < rounds; round++) {
    // alternate the order each round so drift in machine load does not favour one end of the list
    const order = round % 2 === 0 ? sets : [...sets].reverse();
    for (const set of order) {
      const r = await measure(set);
      results.set(set.name, [...(results.get(set.name) ?? []), r]);
      process.stderr.write(`round ${round + 1} ${set.name}: ${JSON.stringify(r)}\n`);
      await sleep(300);
    }
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`host footprint, ${seconds} s steady window, ${rounds} rounds (medians), load average now ${load}`);
  console.log(
    'flag set                 | player MB | capture MB | player CPU s/min | capture CPU s/min | threads | ready ms | worst gap play/cap ms',
  );
  for (const set of sets) {
    const rs = results.get(set.name) ?? [];
    const m = (f: (r: Result) => number): string => median(rs.map(f)).toFixed(1);
    const c = (f: (r: Result) => number): string => median(rs.map(f)).toFixed(2);
    console.log(
      `${set.name.padEnd(24)} | ${m((r) => r.playerHwmMb).padStart(9)} | ${m((r) => r.captureHwmMb).padStart(10)} | ${c((r) => r.playerCpuSecPerMin).padStart(16)} | ${c((r) => r.captureCpuSecPerMin).padStart(17)} | ${m((r) => r.threads).padStart(7)} | ${m((r) => r.playerReadyMs).padStart(8)} | ${m((r) => r.playerGapMs)}/${m((r) => r.captureGapMs)}`,
    );
  }
}

await main();
