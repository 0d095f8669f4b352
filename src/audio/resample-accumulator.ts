function gcd(a: number, b: number): number {
  let [x, y] = [a, b];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Smallest input block whose resampled length is an integer. speex-resampler sizes its output
 * buffer as ceil(in*out/inRate) and ignores how much input it really consumed, so any other
 * chunk size silently drops samples at every boundary.
 */
export function resampleBlockSamples(inRate: number, outRate: number): number {
  return inRate / gcd(inRate, outRate);
}

/**
 * Holds back the tail of each input chunk that is not a whole number of blocks, so every slice
 * handed to the resampler has an integer output length and no sample is lost.
 */
export class ResampleAccumulator {
  #carry = new Int16Array(0);
  readonly blockSamples: number;

  constructor(inRate: number, outRate: number) {
    this.blockSamples = resampleBlockSamples(inRate, outRate);
  }

  get carriedSamples(): number {
    return this.#carry.length;
  }

  /** Returns the whole-block part of carry + pcm (possibly empty) and keeps the rest. */
  push(pcm: Int16Array): Int16Array {
    let joined = pcm;
    if (this.#carry.length > 0) {
      joined = new Int16Array(this.#carry.length + pcm.length);
      joined.set(this.#carry, 0);
      joined.set(pcm, this.#carry.length);
    }
    const usable = joined.length - (joined.length % this.blockSamples);
    this.#carry = joined.slice(usable);
    return joined.subarray(0, usable);
  }

  reset(): void {
    this.#carry = new Int16Array(0);
  }
}
