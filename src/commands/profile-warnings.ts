import type { ProviderDescriptor } from '../providers/descriptor.js';

/** A warning when a voice is not among the provider's known voices (new voices appear often, so not an error). */
export function voiceWarning(
  descriptor: Pick<ProviderDescriptor, 'label' | 'voices'>,
  voice: string | undefined,
): string | undefined {
  if (voice === undefined || descriptor.voices.length === 0 || descriptor.voices.includes(voice)) return undefined;
  return `"${voice}" is not a voice known for ${descriptor.label} (known: ${descriptor.voices.join(', ')}).`;
}
