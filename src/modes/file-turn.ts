import type { ConversationAudio } from '../core/audio-port.js';
import type { Controller } from '../core/controller.js';

export interface FileTurnInput {
  controller: Pick<Controller, 'togglePushToTalk'>;
  engine: Pick<ConversationAudio, 'onFrame'>;
  /** Length of the input file, in ms. */
  fileMs: number;
  /** Rate of the frames the engine hands out (the session's input rate). */
  sampleRate: number;
}

/**
 * Manual turn-taking with a file as the microphone: the file is one push-to-talk turn. Call
 * `start()` before the first frame (right after the controller started); the turn is committed
 * with the frame that completes the file, counted in samples sent rather than by a timer, so a
 * loaded machine that delivers frames late still commits exactly at the file's end.
 */
export function fileAsPushToTalk(input: FileTurnInput): { start(): void; dispose(): void } {
  let samples = 0;
  let off: (() => void) | undefined;
  const dispose = (): void => {
    off?.();
    off = undefined;
  };
  return {
    start() {
      input.controller.togglePushToTalk();
      off = input.engine.onFrame((pcm) => {
        samples += pcm.length;
        if ((samples * 1000) / input.sampleRate < input.fileMs) return;
        dispose();
        input.controller.togglePushToTalk();
      });
    },
    dispose,
  };
}
