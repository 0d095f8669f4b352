import { assertNever } from '../../core/assert-never.js';
import { spawnHost, type HostClient, type HostClientOptions } from '../host-client.js';
import type { AudioBackend } from './choose-backend.js';
import { spawnPulseCapture } from './pulse-capture.js';
import { spawnPulsePlayer } from './pulse-player.js';

/** Starts one capture or player "host" of a backend; both backends speak the HostClient contract. */
export type HostSpawner = (options: HostClientOptions) => HostClient;

export function hostSpawnerFor(backend: AudioBackend): HostSpawner {
  switch (backend) {
    case 'portaudio':
      return spawnHost;
    case 'pulse':
      return (options) => {
        const role = options.config.role;
        switch (role) {
          case 'capture':
            return spawnPulseCapture(options);
          case 'player':
            return spawnPulsePlayer(options);
          case 'list':
            throw new Error('pulse lists devices with pactl, not a host');
          default:
            return assertNever(role, 'host role');
        }
      };
    default:
      return assertNever(backend, 'audio backend');
  }
}
