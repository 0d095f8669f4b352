import { AuthError, TemporaryError, VoicechatError } from '../../core/errors.js';
import type { SessionEvent } from '../../core/events.js';

/** The two events that end a session on an error: the error itself, then the status. */
export function fatalEvents(code: string, message: string, error: unknown): SessionEvent[] {
  return [
    {
      type: 'error',
      error: {
        code,
        message,
        fatal: true,
        retryable: error instanceof TemporaryError,
        exitCode: error instanceof VoicechatError ? error.exitCode : undefined,
        hint: error instanceof VoicechatError ? error.hint : undefined,
      },
    },
    { type: 'status', status: 'error', detail: message },
  ];
}

/** Auth failures name where the credentials came from, unless they already say. */
export function withCredentialHint(error: unknown, hint: string): unknown {
  if (error instanceof AuthError && error.hint === undefined) {
    return new AuthError(error.message, { cause: error.cause, hint });
  }
  return error;
}
