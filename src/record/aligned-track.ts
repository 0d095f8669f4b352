/**
 * One mono channel of a recording on a wall-clock timeline: audio is placed where it ended, gaps
 * become silence, and the writer takes samples off the front. Pure: positions are sample indexes
 * from the start of the recording.
 */
export class AlignedTrack {
  readonly #chunks: Int16Array[] = [];
  #queued = 0;
  #taken = 0;

  /** `toleranceSamples`: a gap shorter than this is timer jitter, not silence. */
  readonly #toleranceSamples: number;
  constructor(toleranceSamples: number) {
    this.#toleranceSamples = toleranceSamples;
  }

  /** Absolute position just past the last queued sample. */
  get end(): number {
    return this.#taken + this.#queued;
  }

  /** Audio that finished at `endSample`; late audio (start before `end`) goes right after. */
  place(pcm: Int16Array, endSample: number): void {
    if (pcm.length === 0) return;
    const start = Math.round(endSample) - pcm.length;
    if (start > this.end + this.#toleranceSamples) this.padTo(start);
    this.#chunks.push(pcm);
    this.#queued += pcm.length;
  }

  /** Silence up to `sample` (nothing was sent or played there). */
  padTo(sample: number): void {
    const gap = Math.floor(sample) - this.end;
    if (gap <= 0) return;
    this.#chunks.push(new Int16Array(gap));
    this.#queued += gap;
  }

  /** Removes the next `n` samples (n <= queued). */
  take(n: number): Int16Array {
    const out = new Int16Array(n);
    let filled = 0;
    while (filled < n) {
      const head = this.#chunks[0];
      if (head === undefined) break;
      const k = Math.min(head.length, n - filled);
      out.set(head.subarray(0, k), filled);
      filled += k;
      if (k === head.length) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(k);
    }
    this.#queued -= filled;
    this.#taken += filled;
    return out;
  }
}

/** Interleaves two equal-length mono runs into stereo (left, right, left, right …). */
export function interleave(left: Int16Array, right: Int16Array): Int16Array {
  const frames = Math.min(left.length, right.length);
  const out = new Int16Array(frames * 2);
  for (let i = 0; i < frames; i++) {
    out[2 * i] = left[i] ?? 0;
    out[2 * i + 1] = right[i] ?? 0;
  }
  return out;
}
