import type { VadMode } from '../core/session.js';

/** What the controller's `mic` events say about the microphone. */
export interface MicState {
  muted: boolean;
  recording: boolean;
}

/**
 * Whether a microphone frame goes to the provider: the controller's own rule (muted frames are
 * dropped; with manual turn-taking only push-to-talk frames are sent). Pure.
 */
export function isMicSent(vad: VadMode, state: MicState): boolean {
  if (state.muted) return false;
  return vad !== 'manual' || state.recording;
}
