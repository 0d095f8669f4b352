import type { RealtimeSession } from '../../core/session.js';
import { redactUrl } from '../../core/secrets.js';
import { credentialNames } from '../../config/credentials.js';
import type { CreateSessionInput } from '../descriptor.js';
import { OpenAiStyleSession } from '../openai-ga/session.js';
import { resolveAzureAuth, withAuth } from '../azure/auth.js';
import { AI_FOUNDRY_SCOPE } from '../azure/entra-token.js';
import { buildVoiceLiveUrl } from './endpoint.js';
import { voiceLiveDialect } from './session-update.js';

/** Azure AI Voice Live: the OpenAI-style session speaking the beta shape with Voice Live options. */
export async function createVoiceLiveSession(
  input: CreateSessionInput,
  keyEnv: readonly string[],
): Promise<RealtimeSession> {
  const s = input.settings;
  const target = buildVoiceLiveUrl({ endpoint: s.endpoint ?? '', model: s.model, apiVersion: s.apiVersion });
  const auth = await resolveAzureAuth({
    credential: input.credential,
    authStyle: s.authStyle,
    gateway: target.gateway,
    scope: AI_FOUNDRY_SCOPE,
    keyNames: credentialNames(s, keyEnv),
    label: 'Azure AI Voice Live',
    proxy: input.proxy ?? { env: process.env },
  });
  const endpoint = withAuth(target.url, auth);
  input.log.debug(`azure-voicelive: ${target.gateway ? 'gateway' : 'direct'} ${redactUrl(endpoint.url)}`);
  return new OpenAiStyleSession(
    {
      provider: 'azure-voicelive',
      endpoint,
      options: input.options,
      dialect: voiceLiveDialect,
      connectTimeoutMs: s.timeoutSeconds * 1000,
      credentialHint: auth.hint,
    },
    { connect: input.connect, log: input.log },
  );
}
