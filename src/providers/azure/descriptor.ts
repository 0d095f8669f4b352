import { ConfigError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';
import { OPENAI_MODELS, OPENAI_VOICES } from '../openai-ga/descriptor.js';
import { refuse, validateCommon } from '../validate.js';

const LABEL = 'Azure OpenAI Realtime';

/** Azure OpenAI Realtime (GA `/openai/v1/realtime`, preview with an api-version, or via a gateway). */
export const azureOpenAiDescriptor: ProviderDescriptor = {
  id: 'azure-openai',
  label: LABEL,
  defaults: { model: 'gpt-realtime' },
  // keep in step with AZURE_OPENAI_KEY_ENV in create-session.ts (not imported: it loads lazily)
  keyEnv: ['AZURE_OPENAI_API_KEY', 'AZURE_ACCESS_TOKEN'],
  envSettings: {
    endpoint: ['AZURE_OPENAI_ENDPOINT'],
    deployment: ['AZURE_OPENAI_DEPLOYMENT'],
    apiVersion: ['OPENAI_API_VERSION'],
  },
  // an Entra ID sign-in (--auth-style bearer) needs no key; createSession explains what is missing
  keyOptional: true,
  serverEchoCancellation: false,
  ownSettings: ['deployment'],
  // TrueFoundry proxies OpenAI-style protocols under /live
  gatewayPaths: { truefoundry: '/live' },
  voices: OPENAI_VOICES,
  // Azure bills its own rates and names models by deployment: priced only through the prices config key
  prices: {},
  models: OPENAI_MODELS,
  validate(settings) {
    validateCommon(settings, LABEL);
    if (settings.endpoint === undefined || settings.endpoint.trim() === '') {
      throw new ConfigError(`${LABEL} needs your resource endpoint: set AZURE_OPENAI_ENDPOINT or pass --endpoint.`, {
        hint: 'e.g. --endpoint https://my-resource.openai.azure.com (or just the resource name)',
      });
    }
    if (settings.apiVersion === undefined) {
      refuse(
        settings,
        'temperature',
        `${LABEL} (GA)`,
        'the GA API removed it; the preview endpoint (--api-version) still has it',
      );
    }
  },
  async createSession(input) {
    const { createAzureOpenAiSession } = await import('./create-session.js');
    return createAzureOpenAiSession(input);
  },
};
