import { ConfigError } from '../core/errors.js';
import type { LoadedConfig } from './config-store.js';
import type { ProviderCatalogue } from './provider-catalogue.js';
import { profileLayer, validateProfile, type ProfileLayer } from './profile-layer.js';

/** Names of the saved profiles, sorted. */
export function profileNames(config: LoadedConfig): string[] {
  return Object.keys(config.data.profiles ?? {}).sort();
}

/** The profile to use from an already read config: the named one, else the default, else none. */
export function profileFrom(
  catalogue: ProviderCatalogue,
  config: LoadedConfig,
  name: string | undefined,
): ProfileLayer | undefined {
  const wanted = name ?? config.data.defaultProfile;
  if (wanted === undefined) return undefined;
  const stored = config.data.profiles?.[wanted];
  if (stored === undefined) {
    const existing = profileNames(config);
    const message =
      name === undefined
        ? `The default profile "${wanted}" (set in ${config.path}) does not exist.`
        : `No profile named "${wanted}" in ${config.path}.`;
    throw new ConfigError(message, {
      hint:
        existing.length > 0
          ? `Existing profiles: ${existing.join(', ')}.`
          : 'There are no profiles yet: voicechat profile add NAME --provider …',
    });
  }
  const layer = profileLayer(catalogue, wanted, stored);
  validateProfile(catalogue, layer, config.path);
  return layer;
}
