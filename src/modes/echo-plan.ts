import type { EchoOptions, EchoStatus } from '../core/audio-engine.js';
import { assertNever } from '../core/assert-never.js';
import { ConfigError } from '../core/errors.js';
import type { Settings } from '../config/setting-specs.js';

/** What decides echo handling: the settings, the provider's capability, and what plays and listens. */
export interface EchoPlanInput {
  /** Unset: the table's default, `auto`. */
  echoCancellation: Settings['echoCancellation'] | undefined;
  noiseSuppression: Settings['noiseSuppression'] | undefined;
  vad: Settings['vad'] | undefined;
  provider: { label: string; serverEchoCancellation: boolean };
  /** Microphone and speaker are both real devices (a file on either side: nothing to cancel here). */
  devices: boolean;
}

/** How a run handles echo, decided once before anything connects. */
export interface EchoPlan {
  /** Ask the provider for its own echo cancellation (`SessionOptions.echoCancellation`). */
  server: boolean;
  /** What the audio engine runs on the microphone; undefined: nothing. */
  engine: EchoOptions | undefined;
  /** Why, in a few words (`--explain`, the log). */
  why: string;
}

/**
 * `auto`: the provider's own cancellation where it has it (Voice Live; with server VAD — with
 * push-to-talk the service is reported to refuse it), else AEC3 here (the engine falls back to the
 * echo gate when the library does not load). Local processing needs a real microphone and speaker.
 * Pure; throws ConfigError for `server` on a provider that has none.
 */
export function echoPlan(input: EchoPlanInput): EchoPlan {
  const { provider } = input;
  const noiseSuppression = input.noiseSuppression === 'local';
  const local = (why: string): EchoPlan =>
    input.devices
      ? { server: false, engine: { mode: 'local', noiseSuppression }, why }
      : { server: false, engine: undefined, why: 'off: a file is the microphone or the speaker' };
  const serverOrNothing = (server: boolean, why: string): EchoPlan => ({
    server,
    engine: input.devices && noiseSuppression ? { mode: 'off', noiseSuppression } : undefined,
    why,
  });
  const setting = input.echoCancellation ?? 'auto';
  switch (setting) {
    case 'off':
      return serverOrNothing(false, 'off (--echo-cancellation off)');
    case 'server':
      if (!provider.serverEchoCancellation) {
        throw new ConfigError(`${provider.label} has no server echo cancellation.`, {
          hint: 'Use --echo-cancellation local (WebRTC AEC3 on this machine) or auto.',
        });
      }
      return serverOrNothing(true, `server (${provider.label})`);
    case 'local':
      return local('local (--echo-cancellation local)');
    case 'auto':
      if (provider.serverEchoCancellation && input.vad !== 'manual') {
        return serverOrNothing(true, `server: ${provider.label} cancels echo itself`);
      }
      return local(
        provider.serverEchoCancellation
          ? `local: ${provider.label} has no server echo cancellation with push-to-talk`
          : `local: ${provider.label} has no server echo cancellation`,
      );
    default:
      return assertNever(setting, 'echo cancellation setting');
  }
}

/** The one word the TUI header, the log and the recording use: `local`, `gate`, `server`, `off`. */
export function echoLabel(plan: EchoPlan, status: EchoStatus | undefined): 'local' | 'gate' | 'server' | 'off' {
  if (status !== undefined && status.echo !== 'off') return status.echo === 'aec3' ? 'local' : 'gate';
  return plan.server ? 'server' : 'off';
}
