import type { Origin, PartialSettings, ResolvedSettings, SettingKey } from './settings.js';
import type { ProviderId } from '../core/session.js';
import { SETTING_SPECS } from './setting-specs.js';

export interface ResolutionInput {
  /** Provider-independent defaults. */
  defaults: PartialSettings;
  /** Per-provider defaults (model, voice …), applied once the provider is known. */
  providerDefaults: (provider: ProviderId) => PartialSettings;
  /** Global settings from the config file (`voicechat config set`), with the file's path. */
  config?: { path: string; settings: PartialSettings } | undefined;
  profile?: { name: string; settings: PartialSettings; details?: Partial<Record<SettingKey, string>> } | undefined;
  /** Values read from the environment, with the variable that held each. */
  env: { settings: PartialSettings; names: Partial<Record<SettingKey, string>> };
  flags: PartialSettings;
  /** Used when no layer names a provider. */
  fallbackProvider: ProviderId;
}

/** Pure merge: defaults < config < profile < environment < flags; records each value's origin. */
export function resolveSettings(input: ResolutionInput): ResolvedSettings {
  const origins: ResolvedSettings['origins'] = {};
  const merged: PartialSettings = {};
  const apply = (layer: PartialSettings, origin: Origin, detail?: (key: SettingKey) => string | undefined): void => {
    for (const key of Object.keys(layer) as SettingKey[]) {
      const value = layer[key];
      if (value === undefined) continue;
      (merged as Record<string, unknown>)[key] = value;
      const d = detail?.(key);
      origins[key] = d === undefined ? { origin } : { origin, detail: d };
    }
  };
  // The provider decides which defaults apply, so settle it first.
  const provider =
    input.flags.provider ??
    input.env.settings.provider ??
    input.profile?.settings.provider ??
    input.config?.settings.provider ??
    input.fallbackProvider;
  apply(input.defaults, 'default');
  apply(input.providerDefaults(provider), 'default', () => provider);
  if (input.config !== undefined) {
    const path = input.config.path;
    apply(input.config.settings, 'config', () => path);
  }
  if (input.profile !== undefined) {
    const { name, details } = input.profile;
    apply(input.profile.settings, 'profile', (key) => details?.[key] ?? name);
  }
  apply(input.env.settings, 'env', (key) => input.env.names[key]);
  apply(input.flags, 'flag');
  merged.provider = provider;
  if (origins.provider === undefined) origins.provider = { origin: 'default' };
  return {
    values: {
      ...merged,
      provider,
      model: merged.model ?? '',
      vad: merged.vad ?? SETTING_SPECS.vad.default,
      timeoutSeconds: merged.timeoutSeconds ?? SETTING_SPECS.timeoutSeconds.default,
    },
    origins,
  };
}
