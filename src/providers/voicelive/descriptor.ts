import { UsageError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';

// Placeholder until the Azure AI Voice Live dialect lands; replaced wholesale by its implementation.
export const voiceLiveDescriptor: ProviderDescriptor = {
  id: 'azure-voicelive',
  label: 'Azure AI Voice Live',
  defaults: {},
  keyEnv: [],
  envSettings: {},
  keyOptional: false,
  voices: [],
  models: [],
  validate() {},
  createSession() {
    return Promise.reject(new UsageError('Azure AI Voice Live is not available yet.'));
  },
};
