import { assertNever } from '../../core/assert-never.js';
import { Aec3Canceller } from './aec3-canceller.js';
import type { EchoCanceller, EchoStreamRates } from './echo-canceller.js';
import { EchoGate } from './echo-gate.js';
import { loadLivekitApm, type ApmLoadResult } from './livekit-apm-loader.js';
import { ResidualGateChain } from './residual-gate-chain.js';

/**
 * `local`: WebRTC AEC3, falling back to the echo gate when it cannot load; `gate`: the gate only;
 * `off`: the microphone as captured (headphones, or the provider cancels echo itself).
 */
import type { EchoMode, EchoOptions, EchoStatus } from '../../core/audio-engine.js';

export type { EchoMode, EchoOptions, EchoStatus };

/**
 * Behind AEC3 the gate guards each reply's first 2 s of far end. Each reply lands on the echo's
 * timeline with its own few-ms error (the player's position estimate at its start; pulse: pacat's
 * clock re-anchored on a new playing stretch), and AEC3 passes nearly the whole echo for 0.3-1.7 s
 * after a step of only 2-8 ms between replies (bench/echo-onset-sim.ts; with no step nothing
 * leaks). Through the CLI that was 1-4 self-interruptions a minute, 0.1-0.6 s into a reply, on
 * both backends. The price: a talker must be louder than the uncancelled echo during those 2 s.
 */
const ONSET_GUARD_FRAMES = 200;

export interface EchoSetup {
  canceller: EchoCanceller | undefined;
  status: EchoStatus;
}

/** Builds the canceller for `options`; never throws for a missing native module (it degrades). */
export function createEchoCanceller(
  options: EchoOptions,
  rates: EchoStreamRates,
  load: () => ApmLoadResult = loadLivekitApm,
): EchoSetup {
  const webrtc = (echoCancellation: boolean): { canceller?: Aec3Canceller; reason?: string } => {
    const loaded = load();
    if (!loaded.ok) return { reason: loaded.reason };
    try {
      const noiseSuppression = options.noiseSuppression;
      const release = loaded.acquire();
      try {
        const settings = { ...rates, echoCancellation, noiseSuppression };
        return { canceller: new Aec3Canceller(loaded.bindings, settings, release) };
      } catch (error) {
        release();
        throw error;
      }
    } catch (error) {
      return { reason: `WebRTC audio processing failed to start: ${(error as Error).message}` };
    }
  };
  const nsUnavailable = (reason: string | undefined): Pick<EchoStatus, 'noiseSuppression' | 'degradedReason'> =>
    options.noiseSuppression
      ? {
          noiseSuppression: false,
          degradedReason: `noise suppression is off: ${reason ?? 'not available with the echo gate'}`,
        }
      : { noiseSuppression: false };

  switch (options.mode) {
    case 'local': {
      const { canceller, reason } = webrtc(true);
      if (canceller !== undefined) {
        return {
          canceller: new ResidualGateChain(canceller, new EchoGate({ ...rates, onsetGuardFrames: ONSET_GUARD_FRAMES })),
          status: { echo: 'aec3', noiseSuppression: options.noiseSuppression },
        };
      }
      const nsNote = options.noiseSuppression ? ' (and no noise suppression)' : '';
      return {
        canceller: new EchoGate(rates),
        status: { echo: 'gate', noiseSuppression: false, degradedReason: `${reason}; using the echo gate${nsNote}` },
      };
    }
    case 'gate':
      return { canceller: new EchoGate(rates), status: { echo: 'gate', ...nsUnavailable(undefined) } };
    case 'off': {
      if (!options.noiseSuppression) return { canceller: undefined, status: { echo: 'off', noiseSuppression: false } };
      const { canceller, reason } = webrtc(false);
      if (canceller !== undefined) return { canceller, status: { echo: 'off', noiseSuppression: true } };
      return { canceller: undefined, status: { echo: 'off', ...nsUnavailable(reason) } };
    }
    default:
      return assertNever(options.mode, 'echo mode');
  }
}
