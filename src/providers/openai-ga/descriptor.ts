import { ConfigError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { refuse, validateCommon } from '../validate.js';
import { OPENAI_REALTIME_PRICES } from './prices.js';

/** Realtime models the OpenAI API (and Azure deployments of them) offer. */
export const OPENAI_MODELS = [
  'gpt-realtime',
  'gpt-realtime-mini',
  'gpt-realtime-1.5',
  'gpt-realtime-2',
  'gpt-realtime-2.1',
  'gpt-realtime-2.1-mini',
] as const;

export const OPENAI_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;

export const openAiDescriptor: ProviderDescriptor = {
  id: 'openai',
  label: 'OpenAI Realtime',
  defaults: { model: 'gpt-realtime', voice: 'marin', transcriptionModel: 'gpt-4o-mini-transcribe' },
  keyEnv: ['OPENAI_API_KEY'],
  envSettings: { endpoint: ['OPENAI_BASE_URL'] },
  keyOptional: false,
  serverEchoCancellation: false,
  ownSettings: [],
  // TrueFoundry proxies OpenAI-style protocols under /live
  gatewayPaths: { truefoundry: '/live' },
  voices: OPENAI_VOICES,
  prices: OPENAI_REALTIME_PRICES,
  models: OPENAI_MODELS,
  validate(settings) {
    validateCommon(settings, 'OpenAI Realtime');
    refuse(settings, 'temperature', 'OpenAI Realtime (GA)', 'the GA API removed it');
    if (settings.authStyle === 'query') {
      throw new ConfigError('OpenAI Realtime takes the key in a header, not the URL (authStyle query).');
    }
  },
  async describeConnection(settings) {
    const { buildOpenAiEndpoint } = await import('./endpoint.js');
    return { url: buildOpenAiEndpoint({ baseUrl: settings.endpoint, model: settings.model, apiKey: '' }).url };
  },
  async createSession(input) {
    const [{ OpenAiStyleSession }, { buildOpenAiEndpoint }] = await Promise.all([
      import('./session.js'),
      import('./endpoint.js'),
    ]);
    const endpoint = buildOpenAiEndpoint({
      baseUrl: input.settings.endpoint,
      model: input.settings.model,
      apiKey: input.credential?.value ?? '',
    });
    if (input.settings.authStyle === 'api-key') {
      endpoint.headers = { 'api-key': input.credential?.value ?? '' };
    }
    return new OpenAiStyleSession(
      {
        provider: 'openai',
        endpoint,
        options: input.options,
        connectTimeoutMs: input.settings.timeoutSeconds * 1000,
        credentialHint: `Check the key in ${input.credential?.source ?? 'OPENAI_API_KEY'}.`,
      },
      { connect: input.connect, log: input.log },
    );
  },
};
