import { AudioUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { OneShotPlayer } from './oneshot.js';

/** Plays one-shot reply audio on the speaker through the audio engine. */
export function createSpeakerPlayer(_device: string | undefined, _log: Logger): Promise<OneShotPlayer> {
  return Promise.reject(new AudioUnavailableError('Speaker playback is not wired yet.'));
}
