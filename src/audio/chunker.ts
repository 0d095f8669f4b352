/** Re-slices arbitrary PCM buffers into fixed-size frames; the remainder waits for more input. */
export class FrameChunker {
  #pending: Int16Array;
  #pendingSamples = 0;

  constructor(readonly frameSamples: number) {
    if (!Number.isInteger(frameSamples) || frameSamples <= 0) {
      throw new RangeError(`frameSamples must be a positive integer, got ${frameSamples}`);
    }
    this.#pending = new Int16Array(frameSamples);
  }

  get bufferedSamples(): number {
    return this.#pendingSamples;
  }

  push(pcm: Int16Array): Int16Array[] {
    const frames: Int16Array[] = [];
    let offset = 0;
    while (offset < pcm.length) {
      const take = Math.min(this.frameSamples - this.#pendingSamples, pcm.length - offset);
      this.#pending.set(pcm.subarray(offset, offset + take), this.#pendingSamples);
      this.#pendingSamples += take;
      offset += take;
      if (this.#pendingSamples === this.frameSamples) {
        frames.push(this.#pending);
        this.#pending = new Int16Array(this.frameSamples);
        this.#pendingSamples = 0;
      }
    }
    return frames;
  }

  reset(): void {
    this.#pendingSamples = 0;
  }
}

export function samplesFor(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}
