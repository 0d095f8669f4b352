import { ConfigError } from '../core/errors.js';
import type { ProviderId } from '../core/session.js';
import type { ProviderEntry } from './provider-catalogue.js';

type DescriptorInfo = Pick<ProviderEntry, 'id' | 'label' | 'keyEnv'>;

/** First provider (in discovery order) whose key variable is set, with that variable. Pure. */
export function discoverCredential(
  descriptors: readonly DescriptorInfo[],
  env: NodeJS.ProcessEnv,
): { provider: ProviderId; variable: string } | undefined {
  for (const d of descriptors) {
    const variable = d.keyEnv.find((name) => (env[name] ?? '').trim() !== '');
    if (variable !== undefined) return { provider: d.id, variable };
  }
  return undefined;
}

/** The line that says which provider discovery picked. Pure. */
export function discoveryNotice(label: string, variable: string): string {
  return `using ${label} (found ${variable}); pick another with --provider or a profile (voicechat providers).`;
}

/** With no key and no profile: how to set one up, in a few lines. Pure. */
export function nothingConfiguredError(descriptors: readonly DescriptorInfo[]): ConfigError {
  const withKeys = descriptors.filter((d) => d.keyEnv.length > 0);
  const width = Math.max(0, ...withKeys.map((d) => (d.keyEnv[0] ?? '').length));
  const exports = withKeys.map((d) => `    export ${`${d.keyEnv[0] ?? ''}=…`.padEnd(width + 3)} # ${d.label}`);
  const hint = [
    'Set the API key of one provider, e.g.:',
    ...exports,
    'or save a profile that says where the key is, and make it the default:',
    '    voicechat profile add work --provider openai --api-key-env MY_OPENAI_KEY',
    '    voicechat profile use work',
    'Then run voicechat again. `voicechat providers` shows what is configured; `voicechat doctor` checks it all.',
  ];
  return new ConfigError('No provider is configured: no API key in the environment and no profile.', {
    hint: hint.join('\n  '),
  });
}
