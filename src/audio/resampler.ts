import { createRequire } from 'node:module';
import { ResampleAccumulator } from './resample-accumulator.js';

/** Converts a PCM16 mono stream between two rates; chunks of any size, no samples lost. */
export interface Resampler {
  readonly inRate: number;
  readonly outRate: number;
  process(pcm: Int16Array): Int16Array;
  /** Drops input held back for the next block (after a flush). */
  reset(): void;
}

interface SpeexInstance {
  processChunk(chunk: Buffer): Buffer;
}
interface SpeexClass {
  new (channels: number, inRate: number, outRate: number, quality?: number): SpeexInstance;
  initPromise: Promise<unknown>;
}

export const DEFAULT_RESAMPLER_QUALITY = 7;

let speexClass: Promise<SpeexClass> | undefined;

/** Loads the WASM resampler once; under plain Node ESM the default export is the exports object. */
function loadSpeex(): Promise<SpeexClass> {
  speexClass ??= (async () => {
    const require = createRequire(import.meta.url);
    // its emscripten glue installs process-wide uncaughtException/unhandledRejection handlers that
    // turn any stray rejection into an abort dumping 150 KB of minified source: take them back out
    const uncaught = process.listeners('uncaughtException');
    const unhandled = process.listeners('unhandledRejection');
    const m = require('speex-resampler') as { default?: SpeexClass } & SpeexClass;
    for (const l of process.listeners('uncaughtException')) {
      if (!uncaught.includes(l)) process.removeListener('uncaughtException', l);
    }
    for (const l of process.listeners('unhandledRejection')) {
      if (!unhandled.includes(l)) process.removeListener('unhandledRejection', l);
    }
    const cls = m.default ?? m;
    await cls.initPromise;
    return cls;
  })();
  return speexClass;
}

class PassthroughResampler implements Resampler {
  constructor(readonly inRate: number) {}
  get outRate(): number {
    return this.inRate;
  }
  process(pcm: Int16Array): Int16Array {
    return pcm;
  }
  reset(): void {}
}

class SpeexResampler implements Resampler {
  readonly #accumulator: ResampleAccumulator;
  readonly #speex: SpeexInstance;
  constructor(
    speex: SpeexInstance,
    readonly inRate: number,
    readonly outRate: number,
  ) {
    this.#speex = speex;
    this.#accumulator = new ResampleAccumulator(inRate, outRate);
  }

  process(pcm: Int16Array): Int16Array {
    const block = this.#accumulator.push(pcm);
    if (block.length === 0) return new Int16Array(0);
    const out = this.#speex.processChunk(Buffer.from(block.buffer, block.byteOffset, block.byteLength));
    // copy: the Buffer may be unaligned for an Int16Array view
    const samples = new Int16Array(out.length >> 1);
    Buffer.from(samples.buffer).set(out.subarray(0, samples.length * 2));
    return samples;
  }

  reset(): void {
    this.#accumulator.reset();
  }
}

/** A long-lived resampler (speex-resampler has no destroy: keep one instance per direction). */
export async function createResampler(
  inRate: number,
  outRate: number,
  quality = DEFAULT_RESAMPLER_QUALITY,
): Promise<Resampler> {
  if (inRate === outRate) return new PassthroughResampler(inRate);
  const Speex = await loadSpeex();
  return new SpeexResampler(new Speex(1, inRate, outRate, quality), inRate, outRate);
}
