import { ConfigError } from '../../core/errors.js';
import type { RealtimeSession } from '../../core/session.js';
import type { CreateSessionInput } from '../descriptor.js';
import { buildGeminiEndpoint, buildVertexEndpoint, geminiModelName, vertexModelPath } from './endpoint.js';
import { GeminiSession } from './session.js';
import { applicationDefaultToken, VERTEX_LOGIN_HINT } from './vertex-auth.js';

/** Gemini API: key from GEMINI_API_KEY / GOOGLE_API_KEY (or the gateway key with --endpoint). */
export function createGeminiSession(input: CreateSessionInput): Promise<RealtimeSession> {
  const { settings } = input;
  const endpoint = buildGeminiEndpoint({
    baseUrl: settings.endpoint,
    apiVersion: settings.apiVersion,
    apiKey: input.credential?.value ?? '',
    authStyle: settings.authStyle,
  });
  const session = new GeminiSession(
    {
      provider: 'gemini',
      endpoint,
      model: geminiModelName(settings.model),
      options: input.options,
      connectTimeoutMs: settings.timeoutSeconds * 1000,
      credentialHint: `Check the key in ${input.credential?.source ?? 'GEMINI_API_KEY'}.`,
    },
    { connect: input.connect, log: input.log },
  );
  return Promise.resolve(session);
}

/** Vertex AI: a bearer token from VERTEX_ACCESS_TOKEN, or application default credentials. */
export async function createVertexSession(input: CreateSessionInput): Promise<RealtimeSession> {
  const { settings } = input;
  let token = input.credential?.value;
  let project = settings.project;
  const hint =
    input.credential === undefined
      ? VERTEX_LOGIN_HINT
      : `Check the access token in ${input.credential.source} (tokens expire after an hour).`;
  if (token === undefined) {
    input.log.debug('vertex: no token in the environment; trying application default credentials');
    const adc = await applicationDefaultToken(input.proxy ?? { env: process.env });
    token = adc.token;
    project ??= adc.project;
  }
  if (project === undefined || project === '') {
    throw new ConfigError('Vertex AI Live needs a Google Cloud project.', {
      hint: 'Pass --project <id> or set GOOGLE_CLOUD_PROJECT.',
    });
  }
  const location = settings.location ?? 'us-central1';
  const endpoint = buildVertexEndpoint({
    baseUrl: settings.endpoint,
    apiVersion: settings.apiVersion,
    location,
    token,
    authStyle: settings.authStyle,
  });
  return new GeminiSession(
    {
      provider: 'vertex',
      endpoint,
      model: vertexModelPath(settings.model, project, location),
      options: input.options,
      connectTimeoutMs: settings.timeoutSeconds * 1000,
      credentialHint: hint,
    },
    { connect: input.connect, log: input.log },
  );
}
