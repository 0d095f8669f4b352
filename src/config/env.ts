import type { ProviderDescriptor } from '../providers/descriptor.js';
import { isProviderId } from '../core/session.js';
import type { PartialSettings, SettingKey } from './settings.js';

const GENERIC: Partial<Record<SettingKey, string>> = {
  model: 'VOICECHAT_MODEL',
  voice: 'VOICECHAT_VOICE',
  inputDevice: 'VOICECHAT_INPUT_DEVICE',
  outputDevice: 'VOICECHAT_OUTPUT_DEVICE',
};

/** Settings carried by environment variables, with the variable behind each. */
export function readEnvSettings(
  env: NodeJS.ProcessEnv,
  descriptor: ProviderDescriptor | undefined,
): { settings: PartialSettings; names: Partial<Record<SettingKey, string>> } {
  const settings: Record<string, unknown> = {};
  const names: Partial<Record<SettingKey, string>> = {};
  const provider = env['VOICECHAT_PROVIDER'];
  if (provider !== undefined && isProviderId(provider)) {
    settings['provider'] = provider;
    names.provider = 'VOICECHAT_PROVIDER';
  }
  for (const [key, name] of Object.entries(GENERIC) as [SettingKey, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') {
      settings[key] = value;
      names[key] = name;
    }
  }
  for (const [key, candidates] of Object.entries(descriptor?.envSettings ?? {}) as [SettingKey, readonly string[]][]) {
    for (const name of candidates) {
      const value = env[name];
      if (value !== undefined && value !== '') {
        settings[key] = value;
        names[key] = name;
        break;
      }
    }
  }
  return { settings: settings as PartialSettings, names };
}
