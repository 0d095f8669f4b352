import { UsageError } from '../../core/errors.js';
import type { ProviderDescriptor } from '../descriptor.js';

// Placeholder until the Vertex AI Live dialect lands; replaced wholesale by its implementation.
export const vertexDescriptor: ProviderDescriptor = {
  id: 'vertex',
  label: 'Vertex AI Live',
  defaults: {},
  keyEnv: [],
  envSettings: {},
  keyOptional: false,
  voices: [],
  models: [],
  validate() {},
  createSession() {
    return Promise.reject(new UsageError('Vertex AI Live is not available yet.'));
  },
};
