import { FrameChunker } from '../chunker.js';
import { CaptureClock } from './capture-clock.js';
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

/** Sink samples of a response heard by `atMs` (the player's position clock, queried at a time). */
export type PlayedAt = (responseId: string, atMs: number) => number;

/**
 * Far end queued past this (a flush placed audio ahead of the capture clock by more than a stall
 * could explain) is cut back to the newest frames.
 */
const MAX_QUEUED_FRAMES = 100;
/**
 * The capture clock's anchor keeps improving whenever a frame arrives with less delay than any
 * before: a lot during start-up (a backlog), then by a few ms now and then for as long as the run
 * lasts (measured: moves 4.5 s and 24 s in, once by 20 ms at a time). Followed, each move re-paired
 * every later mic frame with a different far frame: a 10-20 ms jump of the delay AEC3 had learned,
 * and a reply's worth of re-learning. The true pairing does not move (a device clock drifting from
 * the wall clock moves the delay slowly, which AEC3 tracks itself), so after start-up only a move
 * as large as lost audio (the capture clock re-anchors at 80 ms) re-pairs.
 */
const PAIRING_SETTLE_MS = 3000;
const PAIRING_SLACK_MS = 50;

/**
 * The engine's echo path: reply audio in when received, and each 10 ms microphone frame processed
 * right after the far end that was heard up to the frame's CAPTURE time. Both streams sit on one
 * timeline: the mic by its sample count (CaptureClock), the far end by the player's position clock
 * asked at that capture time. Arrival order plays no part: mic frames reach the parent in bursts
 * (up to 7 at once measured on a loaded machine, and a backlog at start-up), and pairing them by
 * arrival shifted the render-to-capture delay by 10 ms per burst that found no far frame, a jump
 * AEC3 needs seconds to re-learn. Pure: arrival time and the play clock are arguments.
 */
export class EchoStage {
  readonly #canceller: EchoCanceller;
  readonly #feeder: FarEndFeeder;
  readonly #clock: CaptureClock;
  readonly #near: FrameChunker;
  readonly #far: FrameChunker;
  readonly #nearFrameMs = 10;
  readonly #queue: Int16Array[] = [];
  #farFedFrames = 0;
  #missedFrames = 0;
  #cutFrames = 0;
  #maxLagMs = 0;
  #lastCaptureMs: number | undefined;
  #pairingAnchorMs: number | undefined;
  #pairingMoves = 0;
  #firstArrivalMs: number | undefined;

  constructor(options: EchoStageOptions) {
    this.#canceller = options.canceller;
    this.#feeder = new FarEndFeeder(options.farRate, options.sinkRate);
    this.#clock = new CaptureClock(options.nearRate);
    this.#near = new FrameChunker(echoFrameSamples(options.nearRate));
    this.#far = new FrameChunker(echoFrameSamples(options.farRate));
  }

  get canceller(): EchoCanceller {
    return this.#canceller;
  }

  /**
   * Mic frames processed with no far frame (the capture clock stepped back), far frames cut, times
   * the capture clock re-anchored (lost mic audio), and the largest arrival lag behind capture.
   */
  get alignment(): {
    missedFrames: number;
    cutFrames: number;
    realignments: number;
    pairingMoves: number;
    queuedFrames: number;
    maxArrivalLagMs: number;
  } {
    return {
      missedFrames: this.#missedFrames,
      cutFrames: this.#cutFrames,
      realignments: this.#clock.reanchors,
      pairingMoves: this.#pairingMoves,
      queuedFrames: this.#queue.length,
      maxArrivalLagMs: Math.round(this.#maxLagMs),
    };
  }

  played(pcm: Int16Array, responseId: string): void {
    this.#feeder.push(pcm, responseId);
  }

  /** The player dropped its queue at `nowMs` (wall clock); `played` is what it had played. */
  flush(played: ReadonlyMap<string, number>, nowMs: number): void {
    this.#feeder.flush(played, nowMs);
    // a flush replaces the output stream (a new process or pacat): a new play-to-capture delay
    this.#canceller.outputRestarted?.();
  }

  /**
   * Cleans microphone audio that arrived at `arrivalMs`; input that is not whole 10 ms frames comes
   * out re-framed.
   */
  process(nearPcm: Int16Array, arrivalMs: number, playedAt: PlayedAt): Int16Array {
    const stampedEndMs = this.#clock.stamp(nearPcm.length, arrivalMs);
    const anchorMs = this.#clock.anchorMs ?? 0;
    this.#firstArrivalMs ??= arrivalMs;
    const isSettling = arrivalMs - this.#firstArrivalMs < PAIRING_SETTLE_MS;
    if (
      this.#pairingAnchorMs === undefined ||
      isSettling ||
      Math.abs(anchorMs - this.#pairingAnchorMs) > PAIRING_SLACK_MS
    ) {
      if (!isSettling && this.#pairingAnchorMs !== undefined) this.#pairingMoves++;
      this.#pairingAnchorMs = anchorMs;
    }
    const endMs = stampedEndMs - (anchorMs - this.#pairingAnchorMs);
    this.#maxLagMs = Math.max(this.#maxLagMs, arrivalMs - endMs);
    const frames = this.#near.push(nearPcm);
    const heldMs = (this.#near.bufferedSamples * this.#nearFrameMs) / this.#near.frameSamples;
    const out = new Int16Array(frames.length * this.#near.frameSamples);
    frames.forEach((frame, i) => {
      const captureMs = endMs - heldMs - (frames.length - 1 - i) * this.#nearFrameMs;
      this.#feedFarUntil(captureMs, playedAt);
      out.set(this.#canceller.nearEnd(frame), i * frame.length);
    });
    return out;
  }

  dispose(): void {
    this.#canceller.dispose();
  }

  /** Feeds the far end heard up to `captureMs`; nothing when the capture clock stepped back. */
  #feedFarUntil(captureMs: number, playedAt: PlayedAt): void {
    const atMs = Math.max(captureMs, this.#lastCaptureMs ?? captureMs);
    this.#lastCaptureMs = atMs;
    this.#queue.push(...this.#far.push(this.#feeder.take(atMs, (id) => playedAt(id, atMs))));
    const farStartMs = this.#feeder.startMs ?? atMs;
    if (this.#queue.length > MAX_QUEUED_FRAMES) {
      const cut = this.#queue.length - MAX_QUEUED_FRAMES;
      this.#queue.splice(0, cut);
      this.#farFedFrames += cut;
      this.#cutFrames += cut;
    }
    let fed = 0;
    // a far frame goes in once its middle has been heard by the capture time
    while (this.#queue.length > 0 && farStartMs + (this.#farFedFrames + 0.5) * 10 <= atMs) {
      const far = this.#queue.shift();
      if (far !== undefined) this.#canceller.farEnd(far);
      this.#farFedFrames++;
      fed++;
    }
    if (fed === 0 && this.#farFedFrames > 0) this.#missedFrames++;
  }
}
