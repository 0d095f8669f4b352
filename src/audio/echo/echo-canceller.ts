/**
 * The one seam between the engine and an echo canceller. Both streams are PCM16 mono in whole
 * 10 ms frames (any multiple of `frameSamples`); the far end must be fed, at the moment it is
 * played, before the microphone frames that can contain its echo.
 */
export interface EchoCanceller {
  /** Which implementation runs (for logs, `doctor`, the TUI header). */
  readonly kind: EchoCancellerKind;
  /** Far end (what the speaker plays) at `farRate`; a multiple of 10 ms. */
  farEnd(pcm: Int16Array): void;
  /** Near end (the microphone) at `nearRate`; returns the cleaned frame (same length, new array). */
  nearEnd(pcm: Int16Array): Int16Array;
  /**
   * The speaker's output restarted (a barge-in replaced the output stream): the play-to-capture
   * delay may have jumped, and AEC3 takes 1-3 s to find the new one (measured offline,
   * bench/echo-jump-sim.ts). Optional: what cannot re-learn ignores it.
   */
  outputRestarted?(): void;
  /** Frees native resources. Idempotent; the canceller must not be used afterwards. */
  dispose(): void;
}

/** `webrtc`: WebRTC's audio processing module (AEC3 and/or noise suppression). */
export type EchoCancellerKind = 'webrtc' | 'gate';

export interface EchoStreamRates {
  /** Session output rate: the far end as played. */
  farRate: number;
  /** Session input rate: the microphone as sent. */
  nearRate: number;
}

export const ECHO_FRAME_MS = 10;

export function echoFrameSamples(sampleRate: number): number {
  return (sampleRate * ECHO_FRAME_MS) / 1000;
}

/**
 * The native module aborts the whole process on a buffer that is not whole 10 ms frames; this
 * turns that into an exception at our boundary.
 */
export function assertWholeFrames(pcm: Int16Array, sampleRate: number, stream: 'far end' | 'near end'): number {
  const frame = echoFrameSamples(sampleRate);
  if (!Number.isInteger(frame)) throw new RangeError(`${sampleRate} Hz has no whole 10 ms frame`);
  if (pcm.length % frame !== 0) {
    throw new RangeError(`${stream}: ${pcm.length} samples is not a multiple of 10 ms at ${sampleRate} Hz`);
  }
  return pcm.length / frame;
}
