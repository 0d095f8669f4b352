import { FrameChunker } from '../chunker.js';
import { concatPcm } from '../pcm.js';
import { echoFrameSamples, type EchoCanceller } from './echo-canceller.js';
import { FarEndFeeder } from './far-end-feeder.js';

export interface EchoStageOptions {
  canceller: EchoCanceller;
  /** Session rates: far end = output, near end = input. */
  farRate: number;
  nearRate: number;
  /** Rate of the player's positions (the sink's device rate). */
  sinkRate: number;
}

/**
 * The engine's echo path: reply audio in when received, the far end fed when played, and each
 * microphone frame cleaned right after the far end up to that moment was fed (so a frame's echo
 * is never processed before its reference). Pure: time and positions are arguments.
 */
export class EchoStage {
  readonly #canceller: EchoCanceller;
  readonly #feeder: FarEndFeeder;
  readonly #near: FrameChunker;

  constructor(options: EchoStageOptions) {
    this.#canceller = options.canceller;
    this.#feeder = new FarEndFeeder(options.farRate, options.sinkRate);
    this.#near = new FrameChunker(echoFrameSamples(options.nearRate));
  }

  get canceller(): EchoCanceller {
    return this.#canceller;
  }

  played(pcm: Int16Array, responseId: string): void {
    this.#feeder.push(pcm, responseId);
  }

  flush(played: ReadonlyMap<string, number>): void {
    this.#feeder.flush(played);
  }

  /** Cleans one microphone frame; a frame that is not whole 10 ms frames comes out re-framed. */
  process(nearPcm: Int16Array, nowMs: number, playedSinkSamples: (responseId: string) => number): Int16Array {
    const far = this.#feeder.take(nowMs, playedSinkSamples);
    if (far.length > 0) this.#canceller.farEnd(far);
    const frames = this.#near.push(nearPcm);
    if (frames.length === 1 && frames[0] !== undefined) return this.#canceller.nearEnd(frames[0]);
    return this.#canceller.nearEnd(concatPcm(frames));
  }

  dispose(): void {
    this.#canceller.dispose();
  }
}
