import { AudioUnavailableError, type VoicechatError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { DeviceInfo } from './devices.js';
import { spawnHost } from './host-client.js';
import { audioInstallHint } from './install-hint.js';

/**
 * Asks a short-lived host process for the device list (the parent never loads naudiodon).
 * No backend -> AudioUnavailableError with an install hint; an empty list -> AudioUnavailableError.
 */
export function listAudioDevices(logger: Logger = silentLogger, timeoutMs = 15_000): Promise<DeviceInfo[]> {
  return new Promise((resolve, reject) => {
    const host = spawnHost({
      config: { role: 'list', sampleRate: 48_000, frameMs: 20, prebufferMs: 0, maxQueue: 2 },
      logger,
      startupTimeoutMs: timeoutMs,
    });
    let isSettled = false;
    host.onMessage((message) => {
      if (message.type !== 'devices' || isSettled) return;
      isSettled = true;
      if (message.devices.length === 0) {
        reject(
          new AudioUnavailableError('No audio devices found.', {
            hint: 'Connect a microphone/speaker or start your sound server (PulseAudio/PipeWire); or use --input-file/--audio-out.',
          }),
        );
      } else resolve(message.devices);
    });
    // the list host exits right after answering, so only an earlier failure counts
    host.ready.catch((error: VoicechatError) => {
      setTimeout(() => {
        if (isSettled) return;
        isSettled = true;
        reject(
          error instanceof AudioUnavailableError
            ? error
            : new AudioUnavailableError(`Could not list audio devices: ${error.message}`, {
                cause: error,
                hint: audioInstallHint(),
              }),
        );
      }, 50);
    });
  });
}
