import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const VARS = ['XDG_RUNTIME_DIR', 'PULSE_SERVER', 'ALSA_CONFIG_PATH'] as const;

/**
 * Starts (or reuses) the virtual-device PulseAudio by sourcing start-audio.sh, and copies its
 * env vars into this process so host processes inherit them. Idempotent. Returns why audio is
 * unusable, or undefined when vc_out/vc_mic exist. Under CI=true a missing device throws instead.
 */
export function ensureAudioDevices(): string | undefined {
  let problem: string | undefined;
  try {
    const script = `source "${join(HERE, 'start-audio.sh')}" >/dev/null 2>&1; ${VARS.map((v) => `echo "${v}=$${v}"`).join('; ')}; pactl list short sinks`;
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', timeout: 20_000 });
    for (const line of out.split('\n')) {
      const [key, ...rest] = line.split('=');
      if (key !== undefined && (VARS as readonly string[]).includes(key)) process.env[key] = rest.join('=');
    }
    if (!/\bvc_out\b/.test(out) || !/\bvc_mic_bus\b/.test(out))
      problem = 'PulseAudio runs but vc_out/vc_mic_bus are missing';
  } catch (error) {
    problem = `could not start PulseAudio virtual devices (${(error as Error).message.split('\n')[0]})`;
  }
  if (problem !== undefined && process.env['CI'] === 'true') {
    throw new Error(
      `Audio devices required in CI: ${problem}. Install: pulseaudio pulseaudio-utils libasound2-plugins espeak-ng sox`,
    );
  }
  if (problem !== undefined) console.warn(`[audio tests skipped] ${problem}; see test/audio/start-audio.sh`);
  return problem;
}

export interface MonitorRecording {
  stop(): Promise<void>;
  /** All samples so far, and for each sample index an estimate of when it was captured. */
  samples(): Int16Array;
  sampleTimeMs(index: number): number;
}

/** Records what vc_out plays (its monitor) at 48 kHz, stamping each received block. */
export function recordMonitor(): MonitorRecording {
  const rec = spawn(
    'parec',
    ['-d', 'vc_out.monitor', '--raw', '--rate=48000', '--channels=1', '--format=s16le', '--latency-msec=5'],
    {
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const blocks: { atMs: number; bytes: Buffer }[] = [];
  rec.stdout.on('data', (bytes: Buffer) => blocks.push({ atMs: performance.now(), bytes }));
  const ends: { endSample: number; atMs: number }[] = [];
  return {
    async stop() {
      const exited = new Promise((r) => rec.once('exit', r));
      rec.kill();
      await exited;
    },
    samples() {
      const all = Buffer.concat(blocks.map((b) => b.bytes));
      ends.length = 0;
      let total = 0;
      for (const b of blocks) {
        total += b.bytes.length;
        ends.push({ endSample: Math.floor(total / 2), atMs: b.atMs });
      }
      const pcm = new Int16Array(all.length >> 1);
      Buffer.from(pcm.buffer).set(all.subarray(0, pcm.length * 2));
      return pcm;
    },
    sampleTimeMs(index) {
      // a sample was captured no later than the block that delivered it arrived
      const block = ends.find((e) => e.endSample > index) ?? ends[ends.length - 1];
      if (block === undefined) return Number.NaN;
      return block.atMs - (block.endSample - 1 - index) / 48;
    },
  };
}

export function sine(samples: number, rate: number, hz: number, amplitude = 12000, phase = 0): Int16Array {
  return Int16Array.from({ length: samples }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * (i + phase)) / rate)),
  );
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The backend the device tests run on: the vitest project `audio-pulse` sets
 * `VC_TEST_AUDIO_BACKEND=pulse` and runs the same suite through parec/pacat; unset = portaudio. The
 * tests hand it to the engine (`backend`) or the CLI (`--audio-backend`); voicechat reads no variable. Device names differ: PortAudio sees
 * the ALSA PCMs of alsa-vc.conf, the pulse backend sees the sinks/sources of vc.pa.
 */
export const AUDIO_BACKEND: 'portaudio' | 'pulse' =
  process.env['VC_TEST_AUDIO_BACKEND'] === 'pulse' ? 'pulse' : 'portaudio';
export const SPEAKER = AUDIO_BACKEND === 'pulse' ? 'vc_out' : 'vc_speaker';
export const MIC = 'vc_mic';
