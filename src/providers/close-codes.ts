import { AuthError, ConfigError, ProviderError, TemporaryError, type VoicechatError } from '../core/errors.js';
import { reasonSuffix, sentence } from './close-reason-text.js';

/**
 * What a WebSocket close code means for the user, or undefined for a normal close.
 * Providers reuse this and add their own readings of the reason text.
 */
export function closeError(code: number, reason: string, credentialHint: string): VoicechatError | undefined {
  const why = reasonSuffix(reason);
  switch (code) {
    case 1000:
      return undefined;
    case 1001:
      return new TemporaryError(sentence(`The provider is going away (close 1001)${why}`));
    case 1006:
      return new TemporaryError(`The connection dropped without a close frame (1006).`, {
        hint: 'Check your network connection.',
      });
    case 1007:
      return new ConfigError(sentence(`The provider rejected a request as invalid (close 1007)${why}`), {
        hint: 'Check the model name, API version and session options.',
      });
    case 1008:
      return /auth|key|permission|credential|unauthori[sz]ed|forbidden/i.test(reason)
        ? new AuthError(sentence(`The provider refused access (close 1008)${why}`), { hint: credentialHint })
        : new ConfigError(sentence(`The provider closed the session for a policy violation (close 1008)${why}`), {
            hint: 'Check the model name, API version and session options.',
          });
    case 1009:
      // an absurd frame is dropped with its connection; a new connection may well be fine
      return new TemporaryError(`The provider sent a frame larger than 16 MB; the connection was closed (1009).`);
    case 1011:
      return new TemporaryError(sentence(`The provider hit an internal error (close 1011)${why}`), {
        hint: 'Try again shortly.',
      });
    case 1012:
    case 1013:
    case 1014:
      return new TemporaryError(sentence(`The provider is restarting or overloaded (close ${code})${why}`));
    case 4000:
      return new ProviderError(sentence(`The provider ended the session (close 4000)${why}`));
    default:
      return code >= 4000
        ? new ProviderError(sentence(`The provider ended the session (close ${code})${why}`))
        : new TemporaryError(sentence(`The connection closed unexpectedly (close ${code})${why}`));
  }
}
