// Echo cancellation benchmark (not a test): `npx tsx bench/echo.ts [--quick]`, or through
// runEchoBench(). Prints the canceller's CPU per minute of audio (AEC3 at the session rates and at
// the device rate, the gate), and, on the virtual devices with an echo path (module-loopback
// vc_out.monitor -> vc_mic_bus, 120 ms, -6 dB), steady-state ERLE and self-interruptions of an
// energy VAD (a server VAD's stand-in) with local AEC vs off, and barge-in latency over a reply.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEchoCanceller, type EchoOptions } from '../src/audio/echo/create-echo-canceller.js';
import type { EchoCanceller } from '../src/audio/echo/echo-canceller.js';
import { livekitApmIdle, loadLivekitApm } from '../src/audio/echo/livekit-apm-loader.js';
import { ensureAudioDevices } from '../test/audio/audio-env.js';
import { loadEchoPath, runConversation } from '../test/audio/echo-rig.js';
import { EchoProbe, lagSummary } from '../test/support/echo-probe.js';
import { echoOf, erleDb, speechLike } from '../test/support/synthetic-echo.js';

export interface EchoBenchOptions {
  /** Length of each device conversation. */
  conversationSeconds: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

/** One minute of far end and echo through a canceller: process CPU (all threads) and ERLE. */
function cpuPerMinute(
  options: EchoOptions,
  farRate: number,
  nearRate: number,
): { cpuS: number; frameUsMedian: number; frameUsP99: number; erleDb: number; kind: string } {
  const far = speechLike({ sampleRate: farRate, seconds: 60, seed: 5, pitchHz: 190 });
  const farNear = farRate === nearRate ? far : speechLike({ sampleRate: nearRate, seconds: 60, seed: 5, pitchHz: 190 });
  const echo = echoOf(farNear, { sampleRate: nearRate, delayMs: 200, gainDb: -6 });
  const { canceller } = createEchoCanceller(options, { farRate, nearRate });
  if (canceller === undefined) throw new Error('no canceller');
  const out = new Int16Array(echo.length);
  const times: number[] = [];
  const fn = (farRate / 1000) * 20;
  const nn = (nearRate / 1000) * 20;
  const before = process.cpuUsage();
  for (let f = 0; (f + 1) * nn <= echo.length; f++) {
    const t = performance.now();
    process20ms(canceller, far.subarray(f * fn, (f + 1) * fn), echo.subarray(f * nn, (f + 1) * nn), out, f * nn);
    times.push((performance.now() - t) * 1000);
  }
  const used = process.cpuUsage(before);
  canceller.dispose();
  const sorted = [...times].sort((a, b) => a - b);
  return {
    kind: canceller.kind,
    cpuS: (used.user + used.system) / 1e6,
    frameUsMedian: median(times),
    frameUsP99: sorted[Math.floor(sorted.length * 0.99)] ?? Number.NaN,
    // only meaningful when far and near are the same signal (equal rates)
    erleDb: farRate === nearRate ? erleDb(echo, out, 2 * nearRate, echo.length) : Number.NaN,
  };
}

function process20ms(c: EchoCanceller, far: Int16Array, near: Int16Array, out: Int16Array, at: number): void {
  c.farEnd(far);
  out.set(c.nearEnd(near), at);
}

export async function runEchoBench(
  options: EchoBenchOptions = { conversationSeconds: 60 },
): Promise<[string, string][]> {
  const rows: [string, string][] = [];
  const apm = loadLivekitApm();
  rows.push(['AEC3 native module', apm.ok ? apm.binaryPackage : `unavailable: ${apm.reason}`]);
  const cases: [string, EchoOptions, number, number][] = [
    ['gate, 24k/24k', { mode: 'gate', noiseSuppression: false }, 24_000, 24_000],
  ];
  if (apm.ok) {
    cases.unshift(
      [
        'AEC3, 24k far / 24k mic (OpenAI rates, in the parent)',
        { mode: 'local', noiseSuppression: false },
        24_000,
        24_000,
      ],
      [
        'AEC3, 24k far / 16k mic (Gemini rates, in the parent)',
        { mode: 'local', noiseSuppression: false },
        24_000,
        16_000,
      ],
      ['AEC3 + noise suppression, 24k/24k', { mode: 'local', noiseSuppression: true }, 24_000, 24_000],
      ['AEC3, 48k/48k (device rate: in the capture host)', { mode: 'local', noiseSuppression: false }, 48_000, 48_000],
    );
  }
  for (const [name, echoOptions, farRate, nearRate] of cases) {
    const r = cpuPerMinute(echoOptions, farRate, nearRate);
    rows.push([`${name}: CPU (s per min of audio)`, r.cpuS.toFixed(2)]);
    rows.push([
      `${name}: per 20 ms frame, median / p99 (us)`,
      `${r.frameUsMedian.toFixed(0)} / ${r.frameUsP99.toFixed(0)}`,
    ]);
    if (!Number.isNaN(r.erleDb)) rows.push([`${name}: synthetic ERLE after 2 s (dB)`, r.erleDb.toFixed(1)]);
  }
  const problem = ensureAudioDevices();
  if (problem !== undefined) {
    rows.push(['device echo path', `skipped: ${problem}`]);
    return rows;
  }
  const path = loadEchoPath({ latencyMs: 120, gainDb: -6 });
  try {
    const runs = apm.ok
      ? ([
          ['local', 'portaudio'],
          ['local', 'pulse'],
          ['gate', 'portaudio'],
          ['off', 'portaudio'],
        ] as const)
      : ([
          ['gate', 'portaudio'],
          ['off', 'portaudio'],
        ] as const);
    for (const [mode, backend] of runs) {
      const talkAt = mode === 'off' ? [] : [Math.min(30, options.conversationSeconds / 2)];
      const probe = new EchoProbe();
      const r = await runConversation({
        mode,
        backend,
        probe,
        seconds: options.conversationSeconds,
        talkAtSeconds: talkAt,
      });
      const label = `devices, ${mode}, ${backend}`;
      rows.push([`${label}: runs as`, r.echoStatus]);
      if (mode === 'local') {
        // the delay AEC3 sees, per 1 s window of loud far end: steady is what it needs
        const lags = lagSummary(probe.streams(), 24_000);
        rows.push([
          `${label}: delay the canceller sees, median / p5-p95 spread (ms)`,
          `${lags.medianMs.toFixed(1)} / ${lags.spreadMs.toFixed(1)} over ${lags.windows.length} windows`,
        ]);
        rows.push([`${label}: per-reply ERLE (dB)`, r.perReplyErleDb.join(', ')]);
      }
      rows.push([`${label}: self-interruptions in ${r.seconds} s (${r.replies} replies)`, String(r.selfInterruptions)]);
      if (mode !== 'off') {
        rows.push([`${label}: ERLE in steady state (dB)`, r.erleDb.toFixed(1)]);
        rows.push([`${label}: echo raw -> sent (dBFS)`, `${r.rawEchoDb.toFixed(1)} -> ${r.sentEchoDb.toFixed(1)}`]);
        rows.push([
          `${label}: barge-in after the person starts (ms)`,
          r.bargeInMs.map((ms) => (ms === undefined ? 'missed' : ms.toFixed(0))).join(', ') || 'n/a',
        ]);
      }
    }
  } finally {
    path.unload();
  }
  await livekitApmIdle();
  return rows;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows = await runEchoBench({ conversationSeconds: quick ? 25 : 60 });
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) await main();
