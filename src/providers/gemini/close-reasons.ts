import { AuthError, ConfigError, ProviderError, TemporaryError, type VoicechatError } from '../../core/errors.js';
import { closeError } from '../close-codes.js';
import { reasonSuffix, sentence, type ClosePhase } from '../close-reason-text.js';

/**
 * Gemini reports every error as a close code plus a reason text; this reads the reasons the
 * service is known to send (see the protocol notes, §10) and falls back to the shared table.
 * `phase` says whether the close answered the setup or a later turn: the same 1007 means "bad
 * setup field" before `setupComplete` and "this turn was refused" after it.
 */
export function geminiCloseError(
  code: number,
  rawReason: string,
  credentialHint: string,
  phase: ClosePhase = 'setup',
): VoicechatError | undefined {
  // Google's console strips a prefix ending in "ERROR]"; so do we
  const reason = rawReason.replace(/^.*?ERROR\]\s*/, '').trim();
  const why = reasonSuffix(reason);
  const modelHint =
    'Check --model and --api-version: Gemini API models look like gemini-2.5-flash-native-audio-preview-12-2025, Vertex models start with gemini-live-. `voicechat models --provider gemini` lists them.';
  if (code === 1008 || code === 1007) {
    if (
      /api key not valid|api_key_invalid|invalid api key|unauthenticated|permission denied|permission_denied|access token|credential/i.test(
        reason,
      )
    ) {
      return new AuthError(sentence(`The provider rejected the credentials (close ${code})${why}`), {
        hint: credentialHint,
      });
    }
    if (/not found for api version|is not found|not supported for bidigeneratecontent|publisher model/i.test(reason)) {
      return new ConfigError(sentence(`Model not found for this API version or location (close ${code})${why}`), {
        hint: modelHint,
      });
    }
    if (/cannot extract voices|non-audio request/i.test(reason)) {
      return new ConfigError(sentence(`This model only answers with audio (close ${code})${why}`), {
        hint: 'Native-audio models need AUDIO output; voicechat requests it unless the model is text-capable.',
      });
    }
    if (/invalid resource field value/i.test(reason)) {
      return new ConfigError(sentence(`Invalid model resource path (close ${code})${why}`), {
        hint: 'Vertex AI needs projects/<project>/locations/<location>/publishers/google/models/<model>: check --project, --location and --model.',
      });
    }
    if (/user location is not supported/i.test(reason)) {
      return new ConfigError(sentence(`The Live API is not available from your location (close ${code})${why}`), {
        hint: 'Try Vertex AI (--provider vertex) with a supported --location.',
      });
    }
    if (/not implemented, or supported, or enabled/i.test(reason)) {
      return new ConfigError(sentence(`A session option is not supported by this model (close ${code})${why}`), {
        hint: modelHint,
      });
    }
    if (/goaway/i.test(reason)) {
      return new TemporaryError(
        sentence(`The provider ended the connection after its time limit (close ${code})${why}`),
        {
          hint: 'Start a new conversation.',
        },
      );
    }
    if (code === 1007 && phase === 'conversation') {
      return new ProviderError(sentence(`The provider rejected a request during the conversation (close 1007)${why}`), {
        providerCode: '1007',
        hint: 'The session setup had been accepted, so --model and --voice are fine; the refused request was a later turn (audio, text or a tool result). Run with --debug to see what was sent.',
      });
    }
    if (code === 1007) {
      return new ConfigError(
        sentence(
          `The provider rejected the session setup: an invalid setup field or value for this model (close 1007)${why}`,
        ),
        {
          hint: 'Check --model, --voice, --api-version and the turn-detection options; native-audio models only answer with audio.',
        },
      );
    }
  }
  if (code === 1011) {
    if (/quota|exceeded|resource_exhausted|rate limit/i.test(reason)) {
      return new TemporaryError(sentence(`The provider's quota is exhausted (close 1011)${why}`), {
        hint: 'Wait a minute and try again, or check the quota and billing of your project.',
      });
    }
    if (/deadline expired/i.test(reason)) {
      return new TemporaryError(sentence(`The provider's connection time limit ran out (close 1011)${why}`), {
        hint: 'Start a new conversation.',
      });
    }
  }
  return closeError(code, reason, credentialHint);
}
