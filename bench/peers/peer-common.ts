// Shared by the peer scripts: naudiodon devices opened the way the naudiodon README and the
// providers' examples do (explicit 16-bit mono streams), a playback queue that pads with silence
// (like openai-python's AudioPlayerAsync), and the bench's timing log (JSON lines).
import { openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

interface PaStream {
  start(): void;
  write(chunk: Buffer): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  once(event: 'drain', listener: () => void): this;
}
interface Naudiodon {
  SampleFormat16Bit: number;
  getDevices(): { id: number; name: string }[];
  AudioIO(options: { inOptions: Record<string, unknown> } | { outOptions: Record<string, unknown> }): PaStream;
}

const pa = createRequire(import.meta.url)('naudiodon2') as Naudiodon;

const logFile = process.env['BENCH_TIMING_LOG'];
const fd = logFile !== undefined ? openSync(logFile, 'a') : undefined;
export const now = (): number => performance.timeOrigin + performance.now();
export function log(ev: string, data?: Record<string, unknown>): void {
  if (fd !== undefined) writeSync(fd, `${JSON.stringify({ t: now(), pid: process.pid, ev, ...data })}\n`);
}

export function arg(name: string, fallback = ''): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

function deviceId(name: string): number {
  const dev = pa.getDevices().find((d) => d.name === name);
  if (dev === undefined) throw new Error(`no device ${name}`);
  return dev.id;
}

/** Microphone: 16-bit mono at `rate`, 20 ms buffers. */
export function openMic(name: string, rate: number, onChunk: (pcm: Buffer) => void): PaStream {
  const ai = pa.AudioIO({
    inOptions: {
      channelCount: 1,
      sampleFormat: pa.SampleFormat16Bit,
      sampleRate: rate,
      deviceId: deviceId(name),
      framesPerBuffer: rate / 50,
      closeOnError: false,
    },
  });
  ai.on('data', onChunk);
  ai.start();
  return ai;
}

export interface Speaker {
  enqueue(pcm: Buffer): void;
  /** Drops what is queued (the examples' reaction to an interruption); the stream keeps running. */
  clear(): void;
}

/**
 * Speaker: 16-bit mono at `rate`, one 20 ms chunk per write at the device's pace, silence when
 * the queue is empty. Audio already written to the stream still plays after clear().
 */
export function openSpeaker(name: string, rate: number): Speaker {
  const chunkBytes = (rate / 50) * 2;
  const ao = pa.AudioIO({
    outOptions: {
      channelCount: 1,
      sampleFormat: pa.SampleFormat16Bit,
      sampleRate: rate,
      deviceId: deviceId(name),
      framesPerBuffer: rate / 50,
      highwaterMark: chunkBytes,
      maxQueue: 2,
      closeOnError: false,
    },
  });
  const silence = Buffer.alloc(chunkBytes);
  let queue: Buffer[] = [];
  const pump = (): void => {
    for (;;) {
      if (!ao.write(queue.shift() ?? silence)) {
        ao.once('drain', pump);
        return;
      }
    }
  };
  ao.start();
  pump();
  return {
    enqueue(pcm) {
      for (let i = 0; i < pcm.length; i += chunkBytes) queue.push(pcm.subarray(i, i + chunkBytes));
    },
    clear() {
      queue = [];
    },
  };
}

export function exitOnSignal(): void {
  // exiting without quit() is clean with naudiodon; quit() would first drain queued audio
  for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => process.exit(0));
}
