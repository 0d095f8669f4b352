/**
 * Capture time of microphone audio from a sample counter: sample n was captured at
 * `anchorMs + n / rate`. The anchor is the earliest arrival seen for the count (arrival is never
 * before capture, so the least-delayed frame is the best estimate; frames of a burst or a start-up
 * backlog arrive late and do not move it). Arrival-time jitter (bursts of up to 7 frames within
 * 1 ms measured on the loaded machine) therefore does not reach the stamps: they advance exactly
 * with the audio. Lost audio (a capture respawn) or a device clock slower than the wall clock makes
 * every arrival late: when no frame of a whole window came within `reanchorMs`, the anchor moves
 * up to that window's least delay. Pure: arrival times are arguments.
 */
export class CaptureClock {
  readonly #sampleRate: number;
  readonly #windowMs: number;
  readonly #reanchorMs: number;
  #anchorMs: number | undefined;
  #samples = 0;
  #windowStartMs = 0;
  #windowMinLagMs = Infinity;
  #reanchors = 0;

  constructor(sampleRate: number, options: { windowMs?: number; reanchorMs?: number } = {}) {
    this.#sampleRate = sampleRate;
    this.#windowMs = options.windowMs ?? 2000;
    this.#reanchorMs = options.reanchorMs ?? 80;
  }

  /**
   * Counts `samples` that arrived at `arrivalMs` and returns the capture time of their end. Call
   * once per arrival with all of its samples, so they share the arrival time.
   */
  stamp(samples: number, arrivalMs: number): number {
    this.#samples += samples;
    const countedMs = (this.#samples * 1000) / this.#sampleRate;
    const estimateMs = arrivalMs - countedMs;
    if (this.#anchorMs === undefined || estimateMs < this.#anchorMs) {
      this.#anchorMs = estimateMs;
      this.#windowStartMs = arrivalMs;
      this.#windowMinLagMs = Infinity;
    } else {
      this.#windowMinLagMs = Math.min(this.#windowMinLagMs, estimateMs - this.#anchorMs);
      if (arrivalMs - this.#windowStartMs >= this.#windowMs) {
        if (this.#windowMinLagMs > this.#reanchorMs) {
          this.#anchorMs += this.#windowMinLagMs;
          this.#reanchors++;
        }
        this.#windowStartMs = arrivalMs;
        this.#windowMinLagMs = Infinity;
      }
    }
    return this.#anchorMs + countedMs;
  }

  /** Capture time of the end of everything counted so far (undefined before the first stamp). */
  get nowMs(): number | undefined {
    return this.#anchorMs === undefined ? undefined : this.#anchorMs + (this.#samples * 1000) / this.#sampleRate;
  }

  /** Wall-clock time of sample 0 (undefined before the first stamp). */
  get anchorMs(): number | undefined {
    return this.#anchorMs;
  }

  get reanchors(): number {
    return this.#reanchors;
  }
}
