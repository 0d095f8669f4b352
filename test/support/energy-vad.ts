import { measureLevels } from '../../src/audio/meter.js';

export interface EnergyVadOptions {
  sampleRate: number;
  /** Frame RMS above this counts as speech (dBFS). */
  thresholdDb: number;
  /** Speech must last this long before `speech_started` (a server VAD's prefix). */
  startMs?: number;
  /** Silence this long ends the utterance (re-arms the detector). */
  stopMs?: number;
}

/**
 * What a provider's server VAD does, reduced to energy: `speech_started` once the audio has stayed
 * above a threshold for `startMs`. Used to count self-interruptions caused by echo.
 */
export class EnergyVad {
  readonly #options: Required<EnergyVadOptions>;
  #aboveMs = 0;
  #belowMs = 0;
  #isSpeaking = false;

  constructor(options: EnergyVadOptions) {
    this.#options = { startMs: 200, stopMs: 500, ...options };
  }

  get isSpeaking(): boolean {
    return this.#isSpeaking;
  }

  /** Returns 'started' / 'stopped' on a transition. */
  push(pcm: Int16Array): 'started' | 'stopped' | undefined {
    const frameMs = (pcm.length * 1000) / this.#options.sampleRate;
    const isLoud = measureLevels(pcm).rmsDb > this.#options.thresholdDb;
    this.#aboveMs = isLoud ? this.#aboveMs + frameMs : 0;
    this.#belowMs = isLoud ? 0 : this.#belowMs + frameMs;
    if (!this.#isSpeaking && this.#aboveMs >= this.#options.startMs) {
      this.#isSpeaking = true;
      return 'started';
    }
    if (this.#isSpeaking && this.#belowMs >= this.#options.stopMs) {
      this.#isSpeaking = false;
      return 'stopped';
    }
    return undefined;
  }
}
