import { UsageError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';

// Placeholder until the Azure OpenAI Realtime dialect lands; replaced wholesale by its implementation.
export const azureOpenAiDescriptor: ProviderDescriptor = {
  id: 'azure-openai',
  label: 'Azure OpenAI Realtime',
  defaults: {},
  keyEnv: [],
  envSettings: {},
  keyOptional: false,
  voices: [],
  models: [],
  validate() {},
  createSession() {
    return Promise.reject(new UsageError('Azure OpenAI Realtime is not available yet.'));
  },
};
