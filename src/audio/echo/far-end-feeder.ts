import { FrameChunker } from '../chunker.js';
import { concatPcm } from '../pcm.js';
import { PlayedTap } from '../played-tap.js';
import { echoFrameSamples } from './echo-canceller.js';

/**
 * Turns reply audio (received up to several times faster than real time) into the far-end stream
 * an echo canceller needs: what the speaker plays, when it plays it, on one continuous timeline.
 * Audio comes out as the player's position clock passes it; wherever nothing is played (before a
 * reply, between replies, after a barge-in flush, a stall) silence fills the stream up to the wall
 * clock, so the render-to-capture delay the canceller has learned stays the same. Pure: the time
 * and the player's positions come in as arguments.
 */
export class FarEndFeeder {
  readonly #tap: PlayedTap;
  readonly #chunker: FrameChunker;
  readonly #sampleRate: number;
  readonly #played: Int16Array[] = [];
  #startMs: number | undefined;
  #producedSamples = 0;

  /** `sessionRate`: of the audio pushed and fed; `sinkRate`: of the positions the player reports. */
  constructor(sessionRate: number, sinkRate: number) {
    this.#sampleRate = sessionRate;
    this.#tap = new PlayedTap(sessionRate, sinkRate);
    this.#chunker = new FrameChunker(echoFrameSamples(sessionRate));
  }

  /** Reply audio handed to the player (not yet heard). */
  push(pcm: Int16Array, responseId: string): void {
    this.#tap.push(pcm, responseId);
  }

  /** The player dropped what it had not played; `played` is what it had (sink samples per response). */
  flush(played: ReadonlyMap<string, number>): void {
    this.#tap.flush(played, (pcm) => this.#played.push(pcm));
  }

  /**
   * Everything played since the last call, then silence up to `nowMs`, in whole 10 ms frames
   * (a remainder waits for the next call). Audio that ran ahead of the wall clock is not padded.
   */
  take(nowMs: number, playedSinkSamples: (responseId: string) => number): Int16Array {
    this.#startMs ??= nowMs;
    this.#tap.advance(playedSinkSamples, (pcm) => this.#played.push(pcm));
    const parts = this.#played.splice(0);
    let produced = this.#producedSamples;
    for (const p of parts) produced += p.length;
    const clockSamples = Math.floor(((nowMs - this.#startMs) * this.#sampleRate) / 1000);
    if (produced < clockSamples) {
      parts.push(new Int16Array(clockSamples - produced));
      produced = clockSamples;
    }
    this.#producedSamples = produced;
    return concatPcm(this.#chunker.push(concatPcm(parts)));
  }

  /** Samples of the far-end stream produced so far (audio and silence). */
  get producedSamples(): number {
    return this.#producedSamples;
  }
}
