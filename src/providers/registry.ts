import type { ProviderId } from '../core/session.js';
import { catalogueOf, type ProviderCatalogue } from '../config/provider-catalogue.js';
import type { ProviderDescriptor } from './descriptor.js';
import { azureOpenAiDescriptor } from './azure/descriptor.js';
import { geminiDescriptor } from './gemini/descriptor.js';
import { vertexDescriptor } from './gemini/vertex-descriptor.js';
import { openAiDescriptor } from './openai-ga/descriptor.js';
import { voiceLiveDescriptor } from './voicelive/descriptor.js';

/** The only file that knows every provider. Descriptors are light; implementations load lazily. */
const DESCRIPTORS: Record<ProviderId, ProviderDescriptor> = {
  openai: openAiDescriptor,
  'azure-openai': azureOpenAiDescriptor,
  'azure-voicelive': voiceLiveDescriptor,
  gemini: geminiDescriptor,
  vertex: vertexDescriptor,
};

/** Discovery order when no provider is named. */
export const DISCOVERY_ORDER: readonly ProviderId[] = ['openai', 'gemini', 'azure-openai', 'azure-voicelive', 'vertex'];

export function getDescriptor(id: ProviderId): ProviderDescriptor {
  return DESCRIPTORS[id];
}

export function allDescriptors(): ProviderDescriptor[] {
  return DISCOVERY_ORDER.map((id) => DESCRIPTORS[id]);
}

/** What config knows of the providers, handed to it by the entry point (config never imports providers). */
export const PROVIDER_CATALOGUE: ProviderCatalogue = catalogueOf(allDescriptors());
