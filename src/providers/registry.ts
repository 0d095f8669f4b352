import type { ProviderId } from '../core/session.js';
import { catalogueOf, type ProviderCatalogue } from '../config/provider-catalogue.js';
import type { ProviderDescriptor } from './descriptor.js';
import { azureOpenAiDescriptor } from './azure/descriptor.js';
import { geminiDescriptor } from './gemini/descriptor.js';
import { vertexDescriptor } from './gemini/vertex-descriptor.js';
import { openAiDescriptor } from './openai-ga/descriptor.js';
import { voiceLiveDescriptor } from './voicelive/descriptor.js';

/**
 * The only file that knows every provider, in discovery order (the order used when no provider is
 * named). A new provider is its folder plus one line here. Descriptors are light; implementations
 * load lazily.
 */
const DESCRIPTORS: readonly ProviderDescriptor[] = [
  openAiDescriptor,
  geminiDescriptor,
  azureOpenAiDescriptor,
  voiceLiveDescriptor,
  vertexDescriptor,
];

const BY_ID = new Map<ProviderId, ProviderDescriptor>(DESCRIPTORS.map((d) => [d.id, d]));

/** Discovery order when no provider is named. */
export const DISCOVERY_ORDER: readonly ProviderId[] = DESCRIPTORS.map((d) => d.id);

export function getDescriptor(id: ProviderId): ProviderDescriptor {
  const descriptor = BY_ID.get(id);
  if (descriptor === undefined) throw new Error(`No descriptor for provider "${id}" in the registry.`);
  return descriptor;
}

export function allDescriptors(): ProviderDescriptor[] {
  return [...DESCRIPTORS];
}

/** What config knows of the providers, handed to it by the entry point (config never imports providers). */
export const PROVIDER_CATALOGUE: ProviderCatalogue = catalogueOf(allDescriptors());
