import { ensureAudioDevices } from './audio-env.js';

/**
 * Optional vitest globalSetup for the `audio` project: starts the virtual devices once and
 * exports ALSA_CONFIG_PATH/PULSE_SERVER/XDG_RUNTIME_DIR to the workers (they inherit env).
 * Every audio test file also calls ensureAudioDevices() itself, so this is an optimisation.
 */
export default function setup(): void {
  ensureAudioDevices();
}
