import type { EchoCanceller } from '../../src/audio/echo/echo-canceller.js';
import { concatPcm } from '../../src/audio/pcm.js';

/**
 * Records how both streams reach an echo canceller: every far frame, every (raw) near frame, and
 * how much far end had been fed when each near frame went in. From that, `echoLags` finds the
 * render-to-capture delay the canceller sees, window by window: AEC3 copes with any steady delay
 * within its window, but each change costs it seconds of re-learning, so the spread of these lags
 * is the quality of the far end's placement.
 */
export class EchoProbe {
  readonly #far: Int16Array[] = [];
  readonly #near: Int16Array[] = [];
  readonly #farFedAtNear: number[] = [];
  #farFed = 0;

  wrap = (inner: EchoCanceller): EchoCanceller => ({
    kind: inner.kind,
    farEnd: (pcm) => {
      this.#far.push(pcm.slice());
      this.#farFed += pcm.length;
      inner.farEnd(pcm);
    },
    nearEnd: (pcm) => {
      this.#near.push(pcm.slice());
      this.#farFedAtNear.push(this.#farFed);
      return inner.nearEnd(pcm);
    },
    outputRestarted: () => inner.outputRestarted?.(),
    dispose: () => inner.dispose(),
  });

  /** Each change of (far frames fed - near frames) with the near time it happened at. */
  pairing(frameSamples: number): { atS: number; offsetFrames: number }[] {
    const out: { atS: number; offsetFrames: number }[] = [];
    let last: number | undefined;
    this.#farFedAtNear.forEach((fed, j) => {
      const offset = Math.round(fed / frameSamples) - j;
      if (offset !== last) out.push({ atS: (j * frameSamples) / (frameSamples * 100), offsetFrames: offset });
      last = offset;
    });
    return out;
  }

  /**
   * The far end paired with each near sample (the far frame fed last before its near frame, sample
   * for sample), and the near end; equal rates only.
   */
  streams(): { near: Int16Array; farOnNear: Int16Array } {
    const far = concatPcm(this.#far);
    const near = concatPcm(this.#near);
    const farOnNear = new Int16Array(near.length);
    let at = 0;
    this.#near.forEach((frame, j) => {
      const fed = this.#farFedAtNear[j] ?? 0;
      const start = fed - frame.length;
      if (start >= 0) farOnNear.set(far.subarray(start, fed), at);
      at += frame.length;
    });
    return { near, farOnNear };
  }
}

export interface LagWindow {
  /** Start of the window, seconds into the near stream. */
  atS: number;
  /** Delay of the echo behind its paired far end, ms (best normalised cross-correlation). */
  lagMs: number;
  /** Normalised correlation at that lag (0..1): below ~0.3 the window holds little echo. */
  score: number;
}

/**
 * Render-to-capture delay per window of `windowS` where the far end is loud: cross-correlation of
 * the near end against the paired far end, on 2 kHz envelopes-free decimated signals (mean of
 * `sampleRate / 2000` samples), lags 0..`maxLagMs`.
 */
export function echoLags(
  streams: { near: Int16Array; farOnNear: Int16Array },
  sampleRate: number,
  options: { windowS?: number; maxLagMs?: number; minFarDb?: number } = {},
): LagWindow[] {
  const step = Math.round(sampleRate / 2000);
  const near = decimate(streams.near, step);
  const far = decimate(streams.farOnNear, step);
  const rate = sampleRate / step;
  const win = Math.round((options.windowS ?? 1) * rate);
  const maxLag = Math.round(((options.maxLagMs ?? 400) * rate) / 1000);
  const minFar = 32768 * 10 ** ((options.minFarDb ?? -40) / 20);
  const out: LagWindow[] = [];
  for (let start = maxLag; start + win <= near.length; start += win) {
    let farEnergy = 0;
    for (let i = start - maxLag; i < start + win - maxLag; i++) farEnergy += (far[i] ?? 0) ** 2;
    if (Math.sqrt(farEnergy / win) < minFar) continue;
    let best = -1;
    let bestLag = 0;
    let nearEnergy = 0;
    for (let i = start; i < start + win; i++) nearEnergy += (near[i] ?? 0) ** 2;
    for (let lag = 0; lag <= maxLag; lag++) {
      let dot = 0;
      let e = 0;
      for (let i = start; i < start + win; i++) {
        const f = far[i - lag] ?? 0;
        dot += (near[i] ?? 0) * f;
        e += f * f;
      }
      const score = dot / Math.sqrt(Math.max(1, e * nearEnergy));
      if (score > best) {
        best = score;
        bestLag = lag;
      }
    }
    out.push({ atS: start / rate, lagMs: (bestLag * 1000) / rate, score: best });
  }
  return out;
}

/**
 * The delay windows worth trusting (correlation >= 0.3: enough echo in the window) and their
 * median and p5-p95 spread: steady is what AEC3 needs.
 */
export function lagSummary(
  streams: { near: Int16Array; farOnNear: Int16Array },
  sampleRate: number,
): { windows: LagWindow[]; medianMs: number; spreadMs: number } {
  const windows = echoLags(streams, sampleRate).filter((w) => w.score >= 0.3);
  const sorted = windows.map((w) => w.lagMs).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { windows, medianMs: at(0.5), spreadMs: at(0.95) - at(0.05) };
}

function decimate(pcm: Int16Array, step: number): Float64Array {
  const out = new Float64Array(Math.floor(pcm.length / step));
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let k = 0; k < step; k++) sum += pcm[i * step + k] ?? 0;
    out[i] = sum / step;
  }
  return out;
}
