import { ConfigError } from '../../core/errors.js';
import type { ResolvedSettings } from '../../config/settings.js';
import { refuse, validateCommon } from '../validate.js';

/** Settings Gemini Live and Vertex AI Live cannot honour, refused by name rather than ignored. */
export function validateGeminiSettings(settings: ResolvedSettings['values'], label: string): void {
  validateCommon(settings, label);
  refuse(settings, 'speed', label, 'the Live API has no speech-rate setting');
  refuse(settings, 'transcriptionModel', label, 'transcription is built in');
  refuse(settings, 'noiseReduction', label, 'it has no server-side noise reduction');
  refuse(settings, 'deployment', label, 'it has no deployments (use --model)');
  if (settings.maxOutputTokens !== undefined && !Number.isInteger(settings.maxOutputTokens)) {
    throw new ConfigError('maxOutputTokens must be a whole number.');
  }
}
