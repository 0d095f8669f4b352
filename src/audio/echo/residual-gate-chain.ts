import type { EchoCanceller } from './echo-canceller.js';
import type { EchoGate } from './echo-gate.js';

/**
 * AEC3 followed by the echo gate on its output. AEC3 needs about 2 s of far end to converge and
 * loses a few seconds when the echo path's delay jumps; a 200 ms server VAD is faster than that
 * (measured: the first reply of a session, and 0-3 replies a minute on the loaded virtual devices,
 * leaked 0-7 dB). The gate learns the residual echo's level from AEC3's output: while AEC3 works
 * the residual is 20-50 dB down and the gate stays open for any talker; while it does not, the gate
 * holds the residual down until it has re-learned.
 */
export class ResidualGateChain implements EchoCanceller {
  readonly kind = 'webrtc' as const;
  readonly #canceller: EchoCanceller;
  readonly #gate: EchoGate;

  constructor(canceller: EchoCanceller, gate: EchoGate) {
    this.#canceller = canceller;
    this.#gate = gate;
  }

  farEnd(pcm: Int16Array): void {
    this.#canceller.farEnd(pcm);
    this.#gate.farEnd(pcm);
  }

  nearEnd(pcm: Int16Array): Int16Array {
    return this.#gate.nearEnd(this.#canceller.nearEnd(pcm));
  }

  /** While AEC3 finds the new delay, the gate assumes an uncancelled echo (see EchoGate.guard). */
  outputRestarted(): void {
    this.#gate.guard();
  }

  dispose(): void {
    this.#canceller.dispose();
    this.#gate.dispose();
  }
}
