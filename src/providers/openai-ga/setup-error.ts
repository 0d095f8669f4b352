import { AuthError, ConfigError, ProviderError, type VoicechatError } from '../../core/errors.js';
import type { ServerSignal } from './map-server-event.js';
import { FATAL_ERROR_CODES } from './protocol.js';

const AUTH_CODES: ReadonlySet<string> = new Set(['invalid_api_key', 'unauthorized', 'authentication_error']);

/**
 * What an `error` event that arrives before the session is ready means for the user: bad
 * credentials (exit 77), settings the provider refuses such as an unknown voice or field
 * (exit 78), or anything else (exit 1).
 */
export function setupError(signal: Extract<ServerSignal, { kind: 'error' }>, credentialHint: string): VoicechatError {
  const code = signal.code;
  const detail = `${signal.message}${signal.param === undefined ? '' : ` (field ${signal.param})`}`;
  if (code !== undefined && AUTH_CODES.has(code)) {
    return new AuthError(`The provider rejected the credentials: ${detail}`, { hint: credentialHint });
  }
  const invalidRequest =
    signal.errorType === 'invalid_request_error' && (code === undefined || !FATAL_ERROR_CODES.has(code));
  if (
    signal.param?.startsWith('session') === true ||
    code === 'unknown_parameter' ||
    code === 'invalid_value' ||
    invalidRequest
  ) {
    return new ConfigError(`The provider refused the session settings: ${detail}`, {
      hint: 'Check --model/--deployment, --voice and the turn-detection options.',
    });
  }
  return new ProviderError(`The provider refused the session: ${detail}`, { providerCode: code });
}
