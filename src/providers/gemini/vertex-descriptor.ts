import type { ProviderDescriptor } from '../descriptor.js';
import { GEMINI_VOICES, VERTEX_DEFAULT_LOCATION, VERTEX_DEFAULT_MODEL, VERTEX_MODELS } from './catalog.js';
import { validateGeminiSettings } from './validate-settings.js';
import { GEMINI_LIVE_PRICES } from './prices.js';

export const vertexDescriptor: ProviderDescriptor = {
  id: 'vertex',
  label: 'Vertex AI Live',
  defaults: { model: VERTEX_DEFAULT_MODEL, voice: 'Puck', location: VERTEX_DEFAULT_LOCATION },
  keyEnv: ['VERTEX_ACCESS_TOKEN', 'GOOGLE_OAUTH_ACCESS_TOKEN'],
  envSettings: {
    project: ['GOOGLE_CLOUD_PROJECT'],
    location: ['GOOGLE_CLOUD_LOCATION'],
    endpoint: ['GOOGLE_VERTEX_BASE_URL'],
  },
  // application default credentials stand in for a token
  keyOptional: true,
  serverEchoCancellation: false,
  ownSettings: ['project', 'location'],
  // TrueFoundry proxies Google's Live protocol under /api/llm/live
  gatewayPaths: { truefoundry: '/api/llm/live' },
  voices: GEMINI_VOICES,
  prices: GEMINI_LIVE_PRICES,
  models: VERTEX_MODELS,
  validate(settings) {
    validateGeminiSettings(settings, 'Vertex AI Live');
  },
  async createSession(input) {
    const { createVertexSession } = await import('./create-session.js');
    return createVertexSession(input);
  },
};
