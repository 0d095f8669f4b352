import type { ProviderId } from '../core/session.js';
import type { ProviderEntry } from './provider-catalogue.js';
import type { ConfigData } from './config-file.js';
import { discoverCredential } from './setup-hint.js';

type DescriptorInfo = Pick<ProviderEntry, 'id' | 'label' | 'keyEnv' | 'keyOptional'>;

/** Whether a provider can be used, and how. */
export interface ProviderStatus {
  id: ProviderId;
  label: string;
  configured: boolean;
  /** What configures it: key variables that are set, profiles that use it. */
  via: string[];
  keyEnv: readonly string[];
  /** The provider a plain `voicechat` would use. */
  isDefault: boolean;
}

/** Each provider's status from the environment and the saved profiles; never reads a key's value. Pure. */
export function providerStatuses(
  descriptors: readonly DescriptorInfo[],
  config: ConfigData,
  env: NodeJS.ProcessEnv,
): ProviderStatus[] {
  const profiles = Object.entries(config.profiles ?? {});
  const defaultProvider =
    (config.defaultProfile === undefined ? undefined : config.profiles?.[config.defaultProfile]?.provider) ??
    config.settings?.provider ??
    discoverCredential(descriptors, env)?.provider;
  return descriptors.map((d) => {
    const vars = d.keyEnv.filter((name) => (env[name] ?? '').trim() !== '');
    const using = profiles.filter(([, p]) => p.provider === d.id).map(([name]) => `profile ${name}`);
    const via = [...vars, ...using];
    return {
      id: d.id,
      label: d.label,
      configured: via.length > 0,
      via,
      keyEnv: d.keyEnv,
      isDefault: defaultProvider === d.id,
    };
  });
}
