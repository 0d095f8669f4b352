import { FrameChunker } from '../chunker.js';
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
 * Far frames kept in hand at the start, so a microphone burst that comes a little early still finds
 * its far end. It shortens the delay AEC3 sees by as much; every device's output + capture latency
 * is longer.
 */
const LEAD_FRAMES = 3;
/**
 * More far end than this still waiting after the mic frames at hand were processed means mic audio
 * was lost (a capture respawn): re-align. Checked after processing, because a stalled event loop
 * delivers a long far end and the matching burst of mic frames together.
 */
const MAX_QUEUED_FRAMES = 200;

/**
 * The engine's echo path: reply audio in when received, the far end produced when played, and
 * each 10 ms microphone frame processed right after exactly one 10 ms far-end frame. Microphone
 * frames reach the parent in bursts (up to 7 at once measured on a loaded machine): feeding the
 * far end by arrival time would hand AEC3 bursts of render frames, which it treats as a delay
 * change. Pairing by count keeps the render-to-capture delay constant: each mic frame takes the
 * next far frame. Only when there is none (the microphone ran ahead, e.g. its first frames were a
 * backlog) does the pairing shift by a frame, which moves it toward the true alignment; a queue
 * left past MAX_QUEUED_FRAMES (mic audio was lost) is cut back. Pure: time and positions are
 * arguments.
 */
export class EchoStage {
  readonly #canceller: EchoCanceller;
  readonly #feeder: FarEndFeeder;
  readonly #near: FrameChunker;
  readonly #far: FrameChunker;
  readonly #queue: Int16Array[];
  readonly #silence: Int16Array;
  #missedFrames = 0;
  #realignments = 0;

  constructor(options: EchoStageOptions) {
    this.#canceller = options.canceller;
    this.#feeder = new FarEndFeeder(options.farRate, options.sinkRate);
    this.#near = new FrameChunker(echoFrameSamples(options.nearRate));
    this.#far = new FrameChunker(echoFrameSamples(options.farRate));
    this.#silence = new Int16Array(echoFrameSamples(options.farRate));
    this.#queue = Array.from({ length: LEAD_FRAMES }, () => this.#silence);
  }

  get canceller(): EchoCanceller {
    return this.#canceller;
  }

  /** Mic frames that found no far frame (each shifts the pairing by 10 ms), and cuts after stalls. */
  get alignment(): { missedFrames: number; realignments: number; queuedFrames: number } {
    return { missedFrames: this.#missedFrames, realignments: this.#realignments, queuedFrames: this.#queue.length };
  }

  played(pcm: Int16Array, responseId: string): void {
    this.#feeder.push(pcm, responseId);
  }

  flush(played: ReadonlyMap<string, number>, nowMs: number): void {
    this.#feeder.flush(played, nowMs);
  }

  /** Cleans microphone audio; input that is not whole 10 ms frames comes out re-framed. */
  process(nearPcm: Int16Array, nowMs: number, playedSinkSamples: (responseId: string) => number): Int16Array {
    this.#queue.push(...this.#far.push(this.#feeder.take(nowMs, playedSinkSamples)));
    const frames = this.#near.push(nearPcm);
    const out = new Int16Array(frames.length * this.#near.frameSamples);
    frames.forEach((frame, i) => {
      const far = this.#queue.shift();
      if (far === undefined) this.#missedFrames++;
      else this.#canceller.farEnd(far);
      out.set(this.#canceller.nearEnd(frame), i * frame.length);
    });
    if (this.#queue.length > MAX_QUEUED_FRAMES) {
      this.#queue.splice(0, this.#queue.length - LEAD_FRAMES);
      this.#realignments++;
    }
    return out;
  }

  dispose(): void {
    this.#canceller.dispose();
  }
}
