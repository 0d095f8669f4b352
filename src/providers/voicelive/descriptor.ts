import { ConfigError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { OPENAI_VOICES } from '../openai-ga/descriptor.js';
import { refuse, validateCommon } from '../validate.js';

const LABEL = 'Azure AI Voice Live';
const KEY_ENV = ['AZURE_VOICELIVE_API_KEY', 'AZURE_VOICE_LIVE_API_KEY', 'AZURE_ACCESS_TOKEN'] as const;

/** Azure AI Voice Live (`/voice-live/realtime`), directly or through a gateway. */
export const voiceLiveDescriptor: ProviderDescriptor = {
  id: 'azure-voicelive',
  label: LABEL,
  // whisper-1 transcribes speech for gpt-realtime on Voice Live (seen in a real session)
  defaults: { model: 'gpt-realtime', apiVersion: '2026-07-15', transcriptionModel: 'whisper-1' },
  keyEnv: KEY_ENV,
  envSettings: {
    endpoint: ['AZURE_VOICELIVE_ENDPOINT', 'AZURE_VOICE_LIVE_ENDPOINT'],
    apiVersion: ['AZURE_VOICELIVE_API_VERSION', 'AZURE_VOICE_LIVE_API_VERSION'],
    model: ['AZURE_VOICELIVE_MODEL', 'AZURE_VOICE_LIVE_MODEL'],
  },
  // an Entra ID sign-in (--auth-style bearer) needs no key; createSession explains what is missing
  keyOptional: true,
  // server_echo_cancellation in session.update
  serverEchoCancellation: true,
  // a profile may name a deployment (the descriptor then refuses it with the reason)
  ownSettings: ['deployment'],
  // TrueFoundry proxies OpenAI-style protocols under /live
  gatewayPaths: { truefoundry: '/live' },
  voices: [
    ...OPENAI_VOICES,
    'en-US-AvaNeural',
    'en-US-AndrewNeural',
    'en-US-Ava:DragonHDLatestNeural',
    'en-US-Andrew:DragonHDLatestNeural',
  ],
  // Azure bills its own rates and names models by deployment: priced only through the prices config key
  prices: {},
  models: [
    'gpt-realtime',
    'gpt-realtime-mini',
    'gpt-realtime-2.1',
    'gpt-realtime-2.1-mini',
    'gpt-4.1',
    'gpt-5',
    'gpt-4.1-mini',
    'phi4-mm-realtime',
    'azure-realtime',
  ],
  validate(settings) {
    validateCommon(settings, LABEL);
    if (settings.endpoint === undefined || settings.endpoint.trim() === '') {
      throw new ConfigError(`${LABEL} needs your resource endpoint: set AZURE_VOICELIVE_ENDPOINT or pass --endpoint.`, {
        hint: 'e.g. --endpoint https://my-resource.services.ai.azure.com (or just the resource name)',
      });
    }
    refuse(settings, 'eagerness', LABEL, 'its semantic VAD (azure_semantic_vad) has no eagerness');
    refuse(settings, 'speed', LABEL, 'the speaking rate belongs to the Azure voice');
    refuse(settings, 'deployment', LABEL, 'it picks the model with --model');
  },
  async createSession(input) {
    const { createVoiceLiveSession } = await import('./create-session.js');
    return createVoiceLiveSession(input, KEY_ENV);
  },
};
