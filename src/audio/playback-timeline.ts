import type { ChunkPart } from './playback-queue.js';

export interface PlaybackTimelineOptions {
  sampleRate: number;
  /**
   * Audio accepted by the output (e.g. naudiodon's native queue) is heard this much later: the
   * device/server buffer after the stream callback. 0 for the virtual file player.
   */
  outputLatencyMs: number;
  /**
   * At most this much accepted audio can still be waiting when a new chunk is accepted (native
   * queue + the chunk being played); pulls the estimate forward if the clock model lags.
   */
  maxInFlightSamples: number;
}

interface Breakpoint {
  atMs: number;
  positionSamples: number;
  acceptedSamples: number;
}

interface Segment {
  responseId: string;
  start: number;
  end: number;
}

const HISTORY_MS = 2000;

/**
 * Estimates how much of each response has been heard from the accept events of the output.
 * Model: the device consumes accepted audio in real time and stalls when it runs dry; the playhead
 * is piecewise linear between accept events, never behind `accepted - maxInFlight` and never
 * ahead of `accepted`. What is heard at t is the playhead at t - outputLatencyMs. Pure.
 *
 * Error bound: the accept events are exact (naudiodon's write callback), so the error is the
 * device buffer's deviation from `outputLatencyMs` plus up to one chunk (20 ms) of callback
 * granularity. Measured on the PulseAudio virtual devices with 35 ms: median +1 ms, worst 17 ms
 * over 20 flushes (bench/audio.ts). The estimate is never more than what was accepted.
 */
export class PlaybackTimeline {
  readonly #breakpoints: Breakpoint[] = [];
  readonly #segments: Segment[] = [];
  #accepted = 0;

  readonly #options: PlaybackTimelineOptions;
  constructor(options: PlaybackTimelineOptions) {
    this.#options = options;
  }

  get acceptedSamples(): number {
    return this.#accepted;
  }

  accept(atMs: number, chunkSamples: number, parts: readonly ChunkPart[]): void {
    const last = this.#breakpoints[this.#breakpoints.length - 1];
    const t = last === undefined ? atMs : Math.max(atMs, last.atMs);
    let offset = this.#accepted;
    for (const part of parts) {
      const lastSegment = this.#segments[this.#segments.length - 1];
      if (lastSegment?.responseId === part.responseId && lastSegment.end === offset) lastSegment.end += part.samples;
      else this.#segments.push({ responseId: part.responseId, start: offset, end: offset + part.samples });
      offset += part.samples;
    }
    const position = this.#positionAt(t);
    this.#accepted += chunkSamples;
    this.#breakpoints.push({
      atMs: t,
      positionSamples: Math.max(position, this.#accepted - this.#options.maxInFlightSamples),
      acceptedSamples: this.#accepted,
    });
    this.#prune(t);
  }

  /**
   * A measured position: the output says `positionSamples` had been heard at `atMs` (the pulse
   * backend's pacat reports it). It replaces the model from `atMs` on; breakpoints after it are
   * re-based on it (they were extrapolations of the model).
   */
  observe(atMs: number, positionSamples: number): void {
    const observed = {
      atMs,
      positionSamples: Math.min(Math.max(0, positionSamples), this.#accepted),
      acceptedSamples: this.#accepted,
    };
    let at = this.#breakpoints.length;
    while (at > 0 && (this.#breakpoints[at - 1]?.atMs ?? 0) > atMs) at--;
    const before = this.#breakpoints[at - 1];
    if (before !== undefined) observed.acceptedSamples = Math.max(before.acceptedSamples, observed.positionSamples);
    for (let i = at; i < this.#breakpoints.length; i++) {
      const bp = this.#breakpoints[i];
      if (bp === undefined) continue;
      const advanced = observed.positionSamples + ((bp.atMs - atMs) * this.#options.sampleRate) / 1000;
      bp.positionSamples = Math.min(bp.acceptedSamples, advanced);
    }
    this.#breakpoints.splice(at, 0, observed);
  }

  /** Stream position (samples) that has reached the listener at `nowMs`. */
  heardSamples(nowMs: number): number {
    return Math.floor(this.#positionAt(nowMs - this.#options.outputLatencyMs));
  }

  playedSamples(responseId: string, nowMs: number): number {
    const heard = this.heardSamples(nowMs);
    let played = 0;
    for (const s of this.#segments) {
      if (s.responseId === responseId && heard > s.start) played += Math.min(s.end, heard) - s.start;
    }
    return played;
  }

  /** Responses with any accepted audio, in order of first appearance. */
  responseIds(): string[] {
    return [...new Set(this.#segments.map((s) => s.responseId))];
  }

  /** Everything accepted has been heard. */
  isDrained(nowMs: number): boolean {
    return this.heardSamples(nowMs) >= this.#accepted;
  }

  #positionAt(t: number): number {
    let bp: Breakpoint | undefined;
    for (let i = this.#breakpoints.length - 1; i >= 0; i--) {
      const candidate = this.#breakpoints[i];
      if (candidate !== undefined && candidate.atMs <= t) {
        bp = candidate;
        break;
      }
    }
    if (bp === undefined) return 0;
    const advanced = bp.positionSamples + ((t - bp.atMs) * this.#options.sampleRate) / 1000;
    // not floored: breakpoints store it, and a floor per accept (50 a second) made a clock that
    // only ever extrapolates (the pulse pump's) lose ~1 ms per second
    return Math.min(bp.acceptedSamples, advanced);
  }

  #prune(nowMs: number): void {
    // keep one breakpoint older than the window so positions inside it stay answerable
    while (this.#breakpoints.length > 2 && (this.#breakpoints[1]?.atMs ?? nowMs) < nowMs - HISTORY_MS) {
      this.#breakpoints.shift();
    }
  }
}
