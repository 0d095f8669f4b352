/** Which response a run of samples inside one output chunk belongs to. */
export interface ChunkPart {
  responseId: string;
  samples: number;
}

export interface OutputChunk {
  pcm: Int16Array;
  /** Real audio in the chunk, in order; whatever follows is silence padding. */
  parts: ChunkPart[];
}

export type TakeResult =
  | { kind: 'chunk'; chunk: OutputChunk }
  /** Nothing to write yet; poll again at `untilMs`, or when more audio arrives if undefined. */
  | { kind: 'wait'; untilMs: number | undefined };

export interface PlaybackQueueOptions {
  chunkSamples: number;
  /** Duration of one chunk. */
  frameMs: number;
  /** Audio buffered before playback starts, so network jitter does not underrun the device. */
  prebufferSamples: number;
  /** Start anyway when the first audio has waited this long (a response shorter than the prebuffer). */
  prebufferWaitMs: number;
  /** A partial chunk is padded out and played once no audio has arrived for this long. */
  partialWaitMs: number;
  /** Silence written during a stall before the stream is allowed to go idle (starve). */
  maxPadSamples: number;
}

interface Pending {
  responseId: string;
  pcm: Int16Array;
}

/**
 * The player's jitter buffer. Pure: time comes in as arguments. Idle until `prebufferSamples` are
 * buffered; then hands out fixed chunks; a stall mid-response yields silence chunks so the
 * device never underruns, until `maxPadSamples` of silence have gone out and it goes idle again.
 */
export class PlaybackQueue {
  readonly #pending: Pending[] = [];
  #bufferedSamples = 0;
  #isPlaying = false;
  #paddedSamples = 0;
  #firstArrivalMs = 0;
  #lastArrivalMs = 0;
  #isEnded = false;

  readonly #msPerSample: number;

  readonly #options: PlaybackQueueOptions;
  constructor(options: PlaybackQueueOptions) {
    this.#options = options;
    this.#msPerSample = options.frameMs / options.chunkSamples;
  }

  get buffered(): number {
    return this.#bufferedSamples;
  }

  get playing(): boolean {
    return this.#isPlaying;
  }

  push(pcm: Int16Array, responseId: string, nowMs: number): void {
    if (pcm.length === 0) return;
    if (this.#bufferedSamples === 0) this.#firstArrivalMs = nowMs;
    this.#lastArrivalMs = nowMs;
    this.#isEnded = false;
    this.#pending.push({ responseId, pcm });
    this.#bufferedSamples += pcm.length;
  }

  /** No more audio is coming for now: play out what is buffered without waiting. */
  end(): void {
    this.#isEnded = true;
  }

  /**
   * `deviceBufferedSamples`: audio already handed to the device and not yet played. A stall is
   * padded with silence only when that runs low; padding earlier would insert gaps the device
   * did not need.
   */
  take(nowMs: number, deviceBufferedSamples = 0): TakeResult {
    const { chunkSamples, prebufferSamples, prebufferWaitMs, partialWaitMs, maxPadSamples } = this.#options;
    if (!this.#isPlaying) {
      if (this.#bufferedSamples === 0) return { kind: 'wait', untilMs: undefined };
      const startAtMs = this.#firstArrivalMs + prebufferWaitMs;
      if (this.#bufferedSamples < prebufferSamples && !this.#isEnded && nowMs < startAtMs) {
        return { kind: 'wait', untilMs: startAtMs };
      }
      this.#isPlaying = true;
      this.#paddedSamples = 0;
    }
    if (this.#bufferedSamples >= chunkSamples) return this.#emit(chunkSamples);
    const isTailDue = this.#isEnded || nowMs - this.#lastArrivalMs >= partialWaitMs;
    if (this.#bufferedSamples > 0 && isTailDue) return this.#emit(this.#bufferedSamples);
    if (deviceBufferedSamples > chunkSamples) {
      const lowInMs = (deviceBufferedSamples - chunkSamples) * this.#msPerSample;
      return { kind: 'wait', untilMs: nowMs + Math.max(1, lowInMs) };
    }
    if (this.#paddedSamples >= maxPadSamples) {
      this.#isPlaying = false;
      return this.#bufferedSamples > 0
        ? { kind: 'wait', untilMs: this.#lastArrivalMs + partialWaitMs }
        : { kind: 'wait', untilMs: undefined };
    }
    this.#paddedSamples += chunkSamples;
    return { kind: 'chunk', chunk: { pcm: new Int16Array(chunkSamples), parts: [] } };
  }

  /** Drops everything buffered (the parent normally kills the player instead). */
  clear(): void {
    this.#pending.length = 0;
    this.#bufferedSamples = 0;
    this.#isPlaying = false;
  }

  #emit(audioSamples: number): TakeResult {
    const pcm = new Int16Array(this.#options.chunkSamples);
    const parts: ChunkPart[] = [];
    let filled = 0;
    while (filled < audioSamples) {
      const head = this.#pending[0];
      if (head === undefined) break;
      const take = Math.min(audioSamples - filled, head.pcm.length);
      pcm.set(head.pcm.subarray(0, take), filled);
      const lastPart = parts[parts.length - 1];
      if (lastPart !== undefined && lastPart.responseId === head.responseId) lastPart.samples += take;
      else parts.push({ responseId: head.responseId, samples: take });
      filled += take;
      if (take === head.pcm.length) this.#pending.shift();
      else head.pcm = head.pcm.subarray(take);
    }
    this.#bufferedSamples -= filled;
    this.#paddedSamples = 0;
    return { kind: 'chunk', chunk: { pcm, parts } };
  }
}
