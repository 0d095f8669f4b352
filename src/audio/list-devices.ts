import { AudioUnavailableError, type VoicechatError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/log.js';
import type { DeviceInfo } from './devices.js';
import { spawnHost } from './host-client.js';
import { audioInstallHint } from './install-hint.js';
import type { AudioBackendChoice, ResolvedBackend } from './backend/choose-backend.js';
import { listPulseDevices } from './backend/pulse-tools.js';
import { resolveBackend } from './backend/resolve-backend.js';

/**
 * The devices of the backend `choice` resolves to, with that backend and why (what `voicechat
 * devices` and `doctor` print). Rejects with AudioUnavailableError (and what to install) when no
 * backend works.
 */
export async function listBackendDevices(
  choice: AudioBackendChoice = 'auto',
  logger: Logger = silentLogger,
): Promise<{ backend: ResolvedBackend; devices: DeviceInfo[] }> {
  const backend = await resolveBackend(choice);
  if (backend.backend === 'pulse') {
    const devices = await listPulseDevices();
    if (devices.length === 0) {
      throw new AudioUnavailableError('No audio devices found.', {
        hint: 'Start your sound server (PulseAudio/PipeWire); or use --input-file/--audio-out.',
      });
    }
    return { backend, devices };
  }
  return { backend, devices: await listAudioDevices(logger) };
}

/**
 * PortAudio's devices: asks a short-lived host process for the device list (the parent never loads naudiodon).
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
