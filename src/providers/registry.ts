import type { ProviderId } from '../core/session.js';
import type { ProviderDescriptor } from './descriptor.js';
import { openAiDescriptor } from './openai-ga/descriptor.js';

/** The only file that knows every provider. Descriptors are light; implementations load lazily. */
const DESCRIPTORS: Partial<Record<ProviderId, ProviderDescriptor>> = {
  openai: openAiDescriptor,
};

/** Discovery order when no provider is named. */
export const DISCOVERY_ORDER: readonly ProviderId[] = ['openai', 'gemini', 'azure-openai', 'azure-voicelive', 'vertex'];

export function getDescriptor(id: ProviderId): ProviderDescriptor | undefined {
  return DESCRIPTORS[id];
}

export function allDescriptors(): ProviderDescriptor[] {
  return DISCOVERY_ORDER.flatMap((id) => {
    const d = DESCRIPTORS[id];
    return d === undefined ? [] : [d];
  });
}
