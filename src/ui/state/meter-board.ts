import type { AudioLevels } from '../../core/audio-engine.js';
import { FLOOR_DB, nextMeter, QUIET_METER, type MeterState } from './meter-state.js';

export const QUIET_MIC_DB = -55;
const QUIET_HINT_AFTER_MS = 5000;
/** Levels stop arriving in silence; a peak-hold tick older than this falls back on the next tick. */
const STALE_HOLD_MS = 2000;

/** What the two meter rows draw, quantised to whole dB (the dB text's resolution, finer than a bar cell). */
export interface MeterView {
  mic: MeterState;
  speaker: MeterState;
  muted: boolean;
  /** The mic has been nearly silent for a while although unmuted, and not while the speaker played. */
  quiet: boolean;
}

const quantise = (meter: MeterState): MeterState => {
  const q = (db: number): number => (db <= FLOOR_DB ? -100 : Math.round(db));
  return { rmsDb: q(meter.rmsDb), peakDb: q(meter.peakDb), peakHoldDb: q(meter.peakHoldDb), peakHoldAtMs: 0 };
};

const sameMeter = (a: MeterState, b: MeterState): boolean => a.rmsDb === b.rmsDb && a.peakHoldDb === b.peakHoldDb;

/** True when the two views draw the same rows. Pure. */
export function sameView(a: MeterView, b: MeterView): boolean {
  return sameMeter(a.mic, b.mic) && sameMeter(a.speaker, b.speaker) && a.muted === b.muted && a.quiet === b.quiet;
}

/**
 * The meters' own little store, outside the conversation state: a level update re-renders only
 * what draws the meters (a leaf component or the terminal overlay), never the transcript, and
 * listeners hear of it only when the drawn rows change.
 */
export class MeterBoard {
  #mic: MeterState = QUIET_METER;
  #speaker: MeterState = QUIET_METER;
  #muted = false;
  #quietSinceMs: number | undefined;
  #view: MeterView = { mic: quantise(QUIET_METER), speaker: quantise(QUIET_METER), muted: false, quiet: false };
  readonly #listeners = new Set<() => void>();

  levels(levels: { input: AudioLevels; output: AudioLevels }, atMs: number): void {
    this.#mic = nextMeter(this.#mic, levels.input, atMs);
    this.#speaker = nextMeter(this.#speaker, levels.output, atMs);
    // while the assistant is heard a silent mic is expected: the echo canceller suppresses it
    const speakerHeard = levels.output.rmsDb >= QUIET_MIC_DB;
    const quiet = !this.#muted && !speakerHeard && this.#mic.rmsDb < QUIET_MIC_DB;
    this.#quietSinceMs = quiet ? (this.#quietSinceMs ?? atMs) : undefined;
    this.#publish(atMs);
  }

  setMuted(muted: boolean, atMs: number): void {
    this.#muted = muted;
    if (muted) this.#quietSinceMs = undefined;
    this.#publish(atMs);
  }

  /** Once a second: stale peak-hold ticks fall back, and the quiet hint may appear. */
  tick(atMs: number): void {
    const silent = { rmsDb: -100, peakDb: -100 };
    const decay = (m: MeterState): MeterState =>
      atMs - m.peakHoldAtMs > STALE_HOLD_MS ? nextMeter(m, silent, atMs) : m;
    this.#mic = decay(this.#mic);
    this.#speaker = decay(this.#speaker);
    this.#publish(atMs);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): MeterView => this.#view;

  #publish(atMs: number): void {
    const next: MeterView = {
      mic: quantise(this.#mic),
      speaker: quantise(this.#speaker),
      muted: this.#muted,
      quiet: this.#quietSinceMs !== undefined && atMs - this.#quietSinceMs > QUIET_HINT_AFTER_MS,
    };
    if (sameView(next, this.#view)) return;
    this.#view = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
