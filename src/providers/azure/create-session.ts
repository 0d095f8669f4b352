import type { RealtimeSession } from '../../core/session.js';
import { redactUrl } from '../../core/secrets.js';
import { credentialNames } from '../../config/credentials.js';
import type { CreateSessionInput } from '../descriptor.js';
import { shapeDetectingDialect } from '../openai-ga/dialects.js';
import { OpenAiStyleSession } from '../openai-ga/session.js';
import { resolveAzureAuth, withAuth } from './auth.js';
import { COGNITIVE_SERVICES_SCOPE } from './entra-token.js';
import { buildAzureOpenAiUrl } from './endpoint.js';

export const AZURE_OPENAI_KEY_ENV = ['AZURE_OPENAI_API_KEY', 'AZURE_ACCESS_TOKEN'] as const;

/**
 * Azure OpenAI Realtime: the OpenAI-style session with Azure's URL and auth. The GA endpoint
 * speaks the GA shape, the preview endpoint (an api-version) the beta shape; either way the
 * shape `session.created` shows wins, and a refused first update flips it once.
 */
export async function createAzureOpenAiSession(input: CreateSessionInput): Promise<RealtimeSession> {
  const s = input.settings;
  const deployment = s.deployment ?? s.model;
  const target = buildAzureOpenAiUrl({ endpoint: s.endpoint ?? '', deployment, apiVersion: s.apiVersion });
  const gateway = target.route === 'gateway';
  const auth = await resolveAzureAuth({
    credential: input.credential,
    authStyle: s.authStyle,
    gateway,
    scope: COGNITIVE_SERVICES_SCOPE,
    keyNames: credentialNames(s, AZURE_OPENAI_KEY_ENV),
    label: 'Azure OpenAI Realtime',
    proxy: input.proxy ?? { env: process.env },
  });
  const endpoint = withAuth(target.url, auth);
  input.log.debug(
    `azure-openai: ${target.route} route ${redactUrl(endpoint.url)} (${Object.keys(endpoint.headers).join(', ') || 'key in query'})`,
  );
  const initial = target.route === 'preview' || (gateway && s.apiVersion !== undefined) ? 'beta' : 'ga';
  return new OpenAiStyleSession(
    {
      provider: 'azure-openai',
      endpoint,
      options: input.options,
      dialect: shapeDetectingDialect(initial),
      connectTimeoutMs: s.timeoutSeconds * 1000,
      credentialHint: auth.hint,
    },
    { connect: input.connect, log: input.log },
  );
}
