import { redact } from './secrets.js';

/** sysexits-style exit codes; the README repeats this table. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 64,
  audioUnavailable: 69,
  temporary: 75,
  auth: 77,
  config: 78,
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Base of every error the user may see; the message is what they read, so it never holds a secret. */
export class VoicechatError extends Error {
  readonly exitCode: ExitCodeValue;
  /** A short next step for the user, printed under the message. */
  readonly hint: string | undefined;
  constructor(message: string, exitCode: ExitCodeValue, options: { cause?: unknown; hint?: string } = {}) {
    super(redact(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options.hint === undefined ? undefined : redact(options.hint);
  }
}

export class UsageError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.usage, options);
  }
}

export class ConfigError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.config, options);
  }
}

export class AuthError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.auth, options);
  }
}

/** Network trouble, provider 5xx, rate limits, retries exhausted: trying again later may work. */
export class TemporaryError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.temporary, options);
  }
}

export class AudioUnavailableError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.audioUnavailable, options);
  }
}

/** A device that is missing, busy or vanished; same exit code as a missing backend. */
export class AudioDeviceError extends VoicechatError {
  constructor(message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, ExitCode.audioUnavailable, options);
  }
}

/** The provider reported an error the session cannot continue from. */
export class ProviderError extends VoicechatError {
  readonly providerCode: string | undefined;
  constructor(
    message: string,
    options: { cause?: unknown; hint?: string; providerCode?: string; exitCode?: ExitCodeValue } = {},
  ) {
    super(message, options.exitCode ?? ExitCode.unexpected, options);
    this.providerCode = options.providerCode;
  }
}

/** The user pressed Ctrl+C (or the process got SIGINT/SIGTERM). */
export class InterruptedError extends VoicechatError {
  constructor(message = 'Interrupted.') {
    super(message, ExitCode.interrupted);
  }
}

export function isVoicechatError(error: unknown): error is VoicechatError {
  return error instanceof VoicechatError;
}

/** Any thrown value as a user-facing error (unknown ones keep exit 1). */
export function toVoicechatError(error: unknown): VoicechatError {
  if (error instanceof VoicechatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new VoicechatError(`Unexpected error: ${message}`, ExitCode.unexpected, { cause: error });
}

/** The error a fatal session error event ends a run with. */
export function errorFromSessionInfo(info: {
  message: string;
  retryable?: boolean | undefined;
  exitCode?: ExitCodeValue | undefined;
  code?: string | undefined;
  hint?: string | undefined;
}): VoicechatError {
  const hint = info.hint === undefined ? {} : { hint: info.hint };
  if (info.exitCode !== undefined) return new VoicechatError(info.message, info.exitCode, hint);
  if (info.retryable === true) return new TemporaryError(info.message, hint);
  return new ProviderError(info.message, { providerCode: info.code, ...hint });
}
