import { AudioDeviceError, AudioUnavailableError, type VoicechatError } from '../core/errors.js';
import type { HostErrorKind, HostRole } from './host/protocol.js';
import { audioInstallHint } from './install-hint.js';
import { assertNever } from '../core/assert-never.js';

export type AudioHostFailure = 'exited' | 'unresponsive' | 'startup-timeout';

/** The audio host process died or stopped answering; the engine may respawn it. */
export class AudioHostError extends AudioDeviceError {
  constructor(
    readonly role: HostRole,
    readonly failure: AudioHostFailure,
    detail: string,
  ) {
    super(`The audio ${role} process ${describe(failure)}${detail === '' ? '' : ` (${detail})`}.`, {
      hint: 'Audio was restarted; if this keeps happening run `voicechat devices` to check your devices.',
    });
  }
}

/** The device exists but would not open a stream with these settings (e.g. its sample rate). */
export class AudioStreamError extends AudioDeviceError {
  constructor(message: string) {
    super(message, { hint: 'Check the device with `voicechat devices`.' });
  }
}

/** Audio kept failing and was not restarted again: the conversation cannot go on with sound. */
export class AudioGaveUpError extends AudioDeviceError {
  constructor(role: HostRole, cause: VoicechatError) {
    super(`The audio ${role === 'capture' ? 'input' : 'output'} kept failing and was not restarted: ${cause.message}`, {
      cause,
      hint: 'Check the device with `voicechat devices` or `voicechat doctor`, then start again.',
    });
  }
}

/** True when the engine will not recover by itself from this error. */
export function isFinalAudioError(error: VoicechatError): boolean {
  return !(error instanceof AudioHostError);
}

function describe(failure: AudioHostFailure): string {
  switch (failure) {
    case 'exited':
      return 'exited unexpectedly';
    case 'unresponsive':
      return 'stopped responding';
    case 'startup-timeout':
      return 'did not start in time';
    default:
      return assertNever(failure, 'host failure');
  }
}

/** A host's own error report as the error class the user should see. */
export function hostReportToError(
  kind: HostErrorKind,
  message: string,
  validNames?: readonly string[],
): VoicechatError {
  switch (kind) {
    case 'unavailable':
      return new AudioUnavailableError(`Audio is unavailable: ${message}`, { hint: audioInstallHint() });
    case 'no-devices':
      return new AudioUnavailableError('No audio devices found.', {
        hint: 'Connect a microphone/speaker (or start your sound server), or use --input-file/--audio-out.',
      });
    case 'device':
      return new AudioDeviceError(message, {
        hint:
          validNames === undefined || validNames.length === 0
            ? 'Run `voicechat devices`.'
            : `Valid devices: ${validNames.join(', ')}`,
      });
    case 'stream':
      return new AudioStreamError(message);
    default:
      return assertNever(kind, 'host error kind');
  }
}
