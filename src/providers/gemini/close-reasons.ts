import { AuthError, ConfigError, TemporaryError, type VoicechatError } from '../../core/errors.js';
import { redact } from '../../core/secrets.js';
import { closeError } from '../close-codes.js';

/**
 * Gemini reports every error as a close code plus a reason text; this reads the reasons the
 * service is known to send (see the protocol notes, §10) and falls back to the shared table.
 */
export function geminiCloseError(code: number, rawReason: string, credentialHint: string): VoicechatError | undefined {
  // Google's console strips a prefix ending in "ERROR]"; so do we
  const reason = rawReason.replace(/^.*?ERROR\]\s*/, '').trim();
  const why = reason === '' ? '' : `: ${redact(reason).slice(0, 300)}`;
  const modelHint =
    'Check --model and --api-version: Gemini API models look like gemini-2.5-flash-native-audio-preview-12-2025, Vertex models start with gemini-live-. `voicechat models --provider gemini` lists them.';
  if (code === 1008 || code === 1007) {
    if (
      /api key not valid|api_key_invalid|invalid api key|unauthenticated|permission denied|permission_denied|access token|credential/i.test(
        reason,
      )
    ) {
      return new AuthError(`The provider rejected the credentials (close ${code})${why}.`, { hint: credentialHint });
    }
    if (/not found for api version|is not found|not supported for bidigeneratecontent|publisher model/i.test(reason)) {
      return new ConfigError(`Model not found for this API version or location (close ${code})${why}.`, {
        hint: modelHint,
      });
    }
    if (/cannot extract voices|non-audio request/i.test(reason)) {
      return new ConfigError(`This model only answers with audio (close ${code})${why}.`, {
        hint: 'Native-audio models need AUDIO output; voicechat requests it unless the model is text-capable.',
      });
    }
    if (/invalid resource field value/i.test(reason)) {
      return new ConfigError(`Invalid model resource path (close ${code})${why}.`, {
        hint: 'Vertex AI needs projects/<project>/locations/<location>/publishers/google/models/<model>: check --project, --location and --model.',
      });
    }
    if (/user location is not supported/i.test(reason)) {
      return new ConfigError(`The Live API is not available from your location (close ${code})${why}.`, {
        hint: 'Try Vertex AI (--provider vertex) with a supported --location.',
      });
    }
    if (/not implemented, or supported, or enabled/i.test(reason)) {
      return new ConfigError(`A session option is not supported by this model (close ${code})${why}.`, {
        hint: modelHint,
      });
    }
    if (/goaway/i.test(reason)) {
      return new TemporaryError(`The provider ended the connection after its time limit (close ${code})${why}.`, {
        hint: 'Start a new conversation.',
      });
    }
    if (code === 1007) {
      return new ConfigError(
        `The provider rejected the session setup: an invalid setup field or value for this model (close 1007)${why}.`,
        {
          hint: 'Check --model, --voice, --api-version and the turn-detection options; native-audio models only answer with audio.',
        },
      );
    }
  }
  if (code === 1011) {
    if (/quota|exceeded|resource_exhausted|rate limit/i.test(reason)) {
      return new TemporaryError(`The provider's quota is exhausted (close 1011)${why}.`, {
        hint: 'Wait a minute and try again, or check the quota and billing of your project.',
      });
    }
    if (/deadline expired/i.test(reason)) {
      return new TemporaryError(`The provider's connection time limit ran out (close 1011)${why}.`, {
        hint: 'Start a new conversation.',
      });
    }
  }
  return closeError(code, reason, credentialHint);
}
