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
  readonly #out: Int16Array[] = [];
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

  /**
   * The player dropped what it had not played at `nowMs`; `played` is what it had (sink samples
   * per response). The played remainder is placed at `nowMs`; silence follows from there.
   */
  flush(played: ReadonlyMap<string, number>, nowMs: number): void {
    const parts: Int16Array[] = [];
    this.#tap.flush(played, (pcm) => parts.push(pcm));
    this.#place(parts, nowMs);
  }

  /**
   * Everything played since the last call, then silence up to `nowMs`, in whole 10 ms frames
   * (a remainder waits for the next call). Audio that ran ahead of the wall clock is not padded.
   */
  take(nowMs: number, playedSinkSamples: (responseId: string) => number): Int16Array {
    const parts: Int16Array[] = [];
    this.#tap.advance(playedSinkSamples, (pcm) => parts.push(pcm));
    this.#place(parts, nowMs);
    return concatPcm(this.#chunker.push(concatPcm(this.#out.splice(0))));
  }

  /**
   * Appends audio that finished playing at `nowMs`, preceded by the silence the player produced
   * since the stream's end: the audio is the newest part of the interval (calls come in bursts up to
   * 140 ms apart; silence after it would shift the start of each reply).
   */
  #place(parts: Int16Array[], nowMs: number): void {
    this.#startMs ??= nowMs;
    let audio = 0;
    for (const p of parts) audio += p.length;
    const clockSamples = Math.floor(((nowMs - this.#startMs) * this.#sampleRate) / 1000);
    const silence = clockSamples - this.#producedSamples - audio;
    if (silence > 0) this.#out.push(new Int16Array(silence));
    this.#out.push(...parts);
    this.#producedSamples += Math.max(0, silence) + audio;
  }

  /** Wall-clock time of the stream's first sample (undefined before the first take or flush). */
  get startMs(): number | undefined {
    return this.#startMs;
  }

  /** Samples of the far-end stream produced so far (audio and silence). */
  get producedSamples(): number {
    return this.#producedSamples;
  }
}
