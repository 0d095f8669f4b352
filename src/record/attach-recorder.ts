import type { AudioEngine } from '../core/audio-engine.js';
import type { ControllerEvent } from '../core/controller-events.js';
import type { VadMode } from '../core/session.js';
import { isMicSent, type MicState } from './mic-gate.js';
import type { Recorder } from './recorder.js';

/** The part of the controller a recorder listens to. */
export interface EventSource {
  subscribe(listener: (event: ControllerEvent) => void): () => void;
}

export interface AttachOptions {
  vad: VadMode;
  /** A recording that cannot be written stops; the conversation goes on. Called once. */
  onError?: (error: Error) => void;
}

/**
 * Feeds a recorder: controller events, the reply audio as played, and the microphone frames the
 * controller sends (engine frames gated by the controller's mute / push-to-talk state). Returns
 * the detach function; it does not close the recorder.
 */
export function attachRecorder(
  controller: EventSource,
  engine: Pick<AudioEngine, 'onFrame' | 'onPlayed'>,
  recorder: Recorder,
  options: AttachOptions,
): () => void {
  const mic: MicState = { muted: false, recording: false };
  let failed = false;
  const offs: (() => void)[] = [];
  const detach = (): void => {
    for (const off of offs.splice(0)) off();
  };
  const guarded = (write: () => void): void => {
    if (failed) return;
    try {
      write();
    } catch (error) {
      failed = true;
      detach();
      options.onError?.(error instanceof Error ? error : new Error(String(error)));
    }
  };
  offs.push(
    controller.subscribe((event) => {
      if (event.type === 'mic') Object.assign(mic, { muted: event.muted, recording: event.recording });
      guarded(() => recorder.event(event));
    }),
    engine.onFrame((pcm) => {
      if (isMicSent(options.vad, mic)) guarded(() => recorder.mic(pcm));
    }),
    engine.onPlayed((pcm) => guarded(() => recorder.played(pcm))),
  );
  return detach;
}
