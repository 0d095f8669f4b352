import { ConfigError } from '../core/errors.js';
import type { ProviderEntry } from './provider-catalogue.js';
import { GENERIC_ENV, parseSettingText } from './setting-specs.js';
import type { PartialSettings, SettingKey } from './settings.js';

/** Settings carried by environment variables, with the variable behind each; bad values are refused by name. */
export function readEnvSettings(
  env: NodeJS.ProcessEnv,
  provider: Pick<ProviderEntry, 'envSettings'> | undefined,
): { settings: PartialSettings; names: Partial<Record<SettingKey, string>> } {
  const settings: Record<string, unknown> = {};
  const names: Partial<Record<SettingKey, string>> = {};
  const take = (key: SettingKey, name: string): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return false;
    const parsed = parseSettingText(key, raw);
    if (!parsed.ok) throw new ConfigError(`The environment variable ${name} ${parsed.problem}.`);
    settings[key] = parsed.value;
    names[key] = name;
    return true;
  };
  for (const [key, name] of Object.entries(GENERIC_ENV) as [SettingKey, string][]) take(key, name);
  for (const [key, candidates] of Object.entries(provider?.envSettings ?? {}) as [SettingKey, readonly string[]][]) {
    for (const name of candidates) {
      if (take(key, name)) break;
    }
  }
  return { settings: settings, names };
}
