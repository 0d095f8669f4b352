import { UsageError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';

// Placeholder until the Gemini Live dialect lands; replaced wholesale by its implementation.
export const geminiDescriptor: ProviderDescriptor = {
  id: 'gemini',
  label: 'Gemini Live',
  defaults: {},
  keyEnv: [],
  envSettings: {},
  keyOptional: false,
  voices: [],
  models: [],
  validate() {},
  createSession() {
    return Promise.reject(new UsageError('Gemini Live is not available yet.'));
  },
};
