import type { AudioLevels } from './engine-types.js';

/** Floor for levels: digital silence would be -Infinity, which serialises badly and renders worse. */
export const MIN_LEVEL_DB = -100;
const FULL_SCALE = 32768;

export function toDbfs(amplitude: number): number {
  if (amplitude <= 0) return MIN_LEVEL_DB;
  return Math.max(MIN_LEVEL_DB, 20 * Math.log10(amplitude / FULL_SCALE));
}

/** RMS and peak of one buffer in dBFS (a full-scale sine reads -3.01 dB RMS, 0 dB peak). */
export function measureLevels(pcm: Int16Array): AudioLevels {
  if (pcm.length === 0) return { rmsDb: MIN_LEVEL_DB, peakDb: MIN_LEVEL_DB };
  let energy = 0;
  let peak = 0;
  for (let i = 0; i < pcm.length; i++) {
    const s = pcm[i] ?? 0;
    energy += s * s;
    const a = s < 0 ? -s : s;
    if (a > peak) peak = a;
  }
  return { rmsDb: toDbfs(Math.sqrt(energy / pcm.length)), peakDb: toDbfs(peak) };
}

export const SILENT_LEVELS: AudioLevels = { rmsDb: MIN_LEVEL_DB, peakDb: MIN_LEVEL_DB };

/**
 * Accumulates levels over a window and releases them at most once per `intervalMs`, so a meter
 * costs at most 20 messages a second whatever the frame rate.
 */
export class LevelWindow {
  #energy = 0;
  #samples = 0;
  #peak = 0;
  #lastEmitMs = Number.NEGATIVE_INFINITY;

  readonly #intervalMs: number;
  constructor(intervalMs = 50) {
    this.#intervalMs = intervalMs;
  }

  add(pcm: Int16Array): void {
    for (let i = 0; i < pcm.length; i++) {
      const s = pcm[i] ?? 0;
      this.#energy += s * s;
      const a = s < 0 ? -s : s;
      if (a > this.#peak) this.#peak = a;
    }
    this.#samples += pcm.length;
  }

  /** The window's levels if `intervalMs` has passed since the last release, else undefined. */
  take(nowMs: number): AudioLevels | undefined {
    if (nowMs - this.#lastEmitMs < this.#intervalMs) return undefined;
    this.#lastEmitMs = nowMs;
    const levels =
      this.#samples === 0
        ? SILENT_LEVELS
        : { rmsDb: toDbfs(Math.sqrt(this.#energy / this.#samples)), peakDb: toDbfs(this.#peak) };
    this.#energy = 0;
    this.#samples = 0;
    this.#peak = 0;
    return levels;
  }
}
