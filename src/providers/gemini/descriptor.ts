import type { ProviderDescriptor } from '../descriptor.js';
import { GEMINI_DEFAULT_MODEL, GEMINI_MODELS, GEMINI_VOICES } from './catalog.js';
import { validateGeminiSettings } from './validate-settings.js';
import { GEMINI_LIVE_PRICES } from './prices.js';

export const geminiDescriptor: ProviderDescriptor = {
  id: 'gemini',
  label: 'Gemini Live',
  defaults: { model: GEMINI_DEFAULT_MODEL, voice: 'Puck' },
  keyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  envSettings: { endpoint: ['GOOGLE_GEMINI_BASE_URL'] },
  keyOptional: false,
  serverEchoCancellation: false,
  ownSettings: [],
  // TrueFoundry proxies Google's Live protocol under /api/llm/live
  gatewayPaths: { truefoundry: '/api/llm/live' },
  voices: GEMINI_VOICES,
  prices: GEMINI_LIVE_PRICES,
  models: GEMINI_MODELS,
  validate(settings) {
    validateGeminiSettings(settings, 'Gemini Live');
  },
  async createSession(input) {
    const { createGeminiSession } = await import('./create-session.js');
    return createGeminiSession(input);
  },
  async describeConnection(settings) {
    const [{ buildGeminiEndpoint }, { geminiAuthRule }] = await Promise.all([
      import('./endpoint.js'),
      import('./auth-placement.js'),
    ]);
    const endpoint = buildGeminiEndpoint({
      baseUrl: settings.endpoint,
      apiVersion: settings.apiVersion,
      apiKey: '',
      authStyle: settings.authStyle,
    });
    const auth = geminiAuthRule({ baseUrl: settings.endpoint, authStyle: settings.authStyle }).explanation;
    return { url: endpoint.url, auth };
  },
};
