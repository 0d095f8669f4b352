import { toDbfs } from '../meter.js';
import { assertWholeFrames, echoFrameSamples, type EchoCanceller, type EchoStreamRates } from './echo-canceller.js';

export interface EchoGateOptions extends EchoStreamRates {
  /** The echo may arrive this long after the far end was played (render-to-capture delay). */
  maxDelayMs?: number;
  /** The mic opens when it is this much louder than the echo the speaker would produce. */
  marginDb?: number;
  /** Applied to mic frames judged to be echo. */
  attenuationDb?: number;
  /** A far end quieter than this is inaudible: the gate stays open. */
  farActiveDb?: number;
  /** Once open, stays open this long, so word endings are not chopped. */
  holdMs?: number;
  /**
   * Behind AEC3: guard (see guard()) this many far-active frames whenever the far end starts after
   * a silence as long as the delay window. 0 for the gate alone: its learned coupling does not
   * depend on the delay.
   */
  onsetGuardFrames?: number;
}

const DEFAULTS = {
  maxDelayMs: 600,
  marginDb: 6,
  attenuationDb: -30,
  farActiveDb: -55,
  holdMs: 150,
  onsetGuardFrames: 0,
};
/** Echo path gain assumed until enough is learned: the echo as loud as the far end. */
const INITIAL_COUPLING_DB = 0;
/** Far-end-active frames the coupling is learned from (8 s of 10 ms frames). */
const LEARN_FRAMES = 800;
const MIN_LEARN_FRAMES = 100;
/** Double talk is the minority of assistant-audible time: a high percentile is the echo, not the user. */
const COUPLING_PERCENTILE = 0.8;
const RELEARN_EVERY_FRAMES = 10;
/**
 * guard(): the echo assumed while AEC3 re-learns after the output restarted, dB below the far end.
 * Uncancelled laptop echo measures 6-20 dB below what is played (the rig: 6): -10 holds it back
 * with the margin, and a talker near the microphone still gets through.
 */
const GUARD_COUPLING_DB = -10;
/** Far-end-active frames the guard lasts: AEC3 found a 60-80 ms jump within 2-3 s offline, 4 s on a loaded machine. */
const GUARD_FRAMES = 400;

/**
 * The fallback when AEC3 is unavailable: while the assistant is audible the microphone is
 * attenuated unless it is louder, by `marginDb`, than the echo the far end would produce. The echo
 * path's gain is learned at run time from the mic/far level ratios. Speakers degrade to "speak up
 * to interrupt" instead of "interrupts itself". Pure (no I/O).
 */
export class EchoGate implements EchoCanceller {
  readonly kind = 'gate' as const;
  readonly #rates: EchoStreamRates;
  readonly #options: typeof DEFAULTS;
  /** Far-end frame levels (dBFS) over the delay window (a ring; typed arrays: this runs 100x a second). */
  readonly #farLevels: Float64Array;
  #farNext = 0;
  #farCount = 0;
  /** Near-minus-far ratios learned from (a ring of LEARN_FRAMES). */
  readonly #ratios = new Float64Array(LEARN_FRAMES);
  #ratioNext = 0;
  #ratioCount = 0;
  #couplingDb = INITIAL_COUPLING_DB;
  #sinceRelearn = 0;
  #gain = 1;
  #openFramesLeft = 0;
  #guardFramesLeft = 0;
  #wasFarActive = false;

  constructor(options: EchoGateOptions) {
    this.#rates = { farRate: options.farRate, nearRate: options.nearRate };
    this.#options = { ...DEFAULTS, ...definedOnly(options) };
    this.#farLevels = new Float64Array(Math.ceil(this.#options.maxDelayMs / 10));
  }

  /**
   * For the next `frames` of audible far end (default 4 s), assume the echo is uncancelled (at
   * least GUARD_COUPLING_DB) and learn nothing from it: used behind AEC3 after the output restarted.
   */
  guard(frames = GUARD_FRAMES): void {
    this.#guardFramesLeft = Math.max(this.#guardFramesLeft, frames);
  }

  /** A guard is on (tests). */
  get isGuarding(): boolean {
    return this.#guardFramesLeft > 0;
  }

  /** The learned echo path gain (mic level minus far level, dB). */
  get couplingDb(): number {
    return this.#couplingDb;
  }

  farEnd(pcm: Int16Array): void {
    const frames = assertWholeFrames(pcm, this.#rates.farRate, 'far end');
    const n = echoFrameSamples(this.#rates.farRate);
    for (let i = 0; i < frames; i++) {
      this.#farLevels[this.#farNext] = rmsDb(pcm, i * n, n);
      this.#farNext = (this.#farNext + 1) % this.#farLevels.length;
      this.#farCount = Math.min(this.#farCount + 1, this.#farLevels.length);
    }
  }

  nearEnd(pcm: Int16Array): Int16Array {
    const frames = assertWholeFrames(pcm, this.#rates.nearRate, 'near end');
    const n = echoFrameSamples(this.#rates.nearRate);
    const out = new Int16Array(pcm.length);
    const holdFrames = Math.ceil(this.#options.holdMs / 10);
    for (let i = 0; i < frames; i++) {
      const nearDb = rmsDb(pcm, i * n, n);
      const farDb = this.#farMaxDb();
      let target = 1;
      const isFarActive = farDb >= this.#options.farActiveDb;
      // the far end's level is a max over the delay window: inactive means silent that long. Until
      // the coupling is learned the gate assumes the echo as loud as the far end: stricter already
      const isOnset = isFarActive && !this.#wasFarActive && this.#ratioCount >= MIN_LEARN_FRAMES;
      if (isOnset) this.guard(this.#options.onsetGuardFrames);
      this.#wasFarActive = isFarActive;
      if (isFarActive) {
        const isGuarded = this.#guardFramesLeft > 0;
        if (isGuarded) this.#guardFramesLeft--;
        else this.#learn(nearDb - farDb);
        const couplingDb = isGuarded ? Math.max(this.#couplingDb, GUARD_COUPLING_DB) : this.#couplingDb;
        const isLouderThanEcho = nearDb > farDb + couplingDb + this.#options.marginDb;
        if (isLouderThanEcho) this.#openFramesLeft = holdFrames;
        else if (this.#openFramesLeft > 0) this.#openFramesLeft--;
        target = this.#openFramesLeft > 0 ? 1 : 10 ** (this.#options.attenuationDb / 20);
      } else this.#openFramesLeft = 0;
      // a ramp across the frame: a gain step would click
      const from = this.#gain;
      for (let j = 0; j < n; j++) {
        const g = from + ((target - from) * (j + 1)) / n;
        out[i * n + j] = Math.round((pcm[i * n + j] ?? 0) * g);
      }
      this.#gain = target;
    }
    return out;
  }

  dispose(): void {
    this.#farCount = 0;
  }

  #farMaxDb(): number {
    let max = -Infinity;
    for (let i = 0; i < this.#farCount; i++) {
      const level = this.#farLevels[i] as number;
      if (level > max) max = level;
    }
    return max;
  }

  #learn(ratioDb: number): void {
    if (!Number.isFinite(ratioDb)) return;
    this.#ratios[this.#ratioNext] = ratioDb;
    this.#ratioNext = (this.#ratioNext + 1) % LEARN_FRAMES;
    this.#ratioCount = Math.min(this.#ratioCount + 1, LEARN_FRAMES);
    if (this.#ratioCount < MIN_LEARN_FRAMES || ++this.#sinceRelearn < RELEARN_EVERY_FRAMES) return;
    this.#sinceRelearn = 0;
    const sorted = this.#ratios.slice(0, this.#ratioCount).sort();
    this.#couplingDb = sorted[Math.floor(this.#ratioCount * COUPLING_PERCENTILE)] ?? INITIAL_COUPLING_DB;
  }
}

function rmsDb(pcm: Int16Array, start: number, n: number): number {
  let energy = 0;
  for (let i = start; i < start + n; i++) {
    const s = pcm[i] ?? 0;
    energy += s * s;
  }
  const db = toDbfs(Math.sqrt(energy / n));
  // the meter's floor would read as a level; silence is no evidence of anything
  return db <= -100 ? -Infinity : db;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
