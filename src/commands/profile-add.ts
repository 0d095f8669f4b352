import { ConfigError, ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { registerSecret } from '../core/secrets.js';
import { PROVIDER_IDS } from '../core/session.js';
import { getDescriptor, PROVIDER_CATALOGUE } from '../providers/registry.js';
import { isValidProfileName, type StoredProfile } from '../config/config-file.js';
import { configPathFor, updateConfig } from '../config/config-store.js';
import { gatewayFromFlags, gatewaySettings } from '../config/gateway.js';
import { profileLayer, validateProfile } from '../config/profile-layer.js';
import { checkSettingValue, flagOf } from '../config/setting-specs.js';
import type { PartialSettings, SettingKey } from '../config/settings.js';
import { optionString, printNote, printText } from './output.js';
import { voiceWarning } from './profile-warnings.js';

async function readKeyFromStdin(): Promise<string> {
  if (process.stdin.isTTY === true) {
    throw new UsageError('--store-key reads the key from stdin.', {
      hint: 'Pipe it in: printf %s "$MY_KEY" | voicechat profile add NAME --provider … --store-key',
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const key = Buffer.concat(chunks).toString('utf8').trim();
  registerSecret(key);
  if (key === '') throw new UsageError('--store-key got an empty key on stdin.');
  return key;
}

/** Ranges and shapes beyond what flag parsing checks; names the field, the allowed values and the file. */
function checkValues(settings: PartialSettings, path: string): void {
  for (const key of Object.keys(settings) as SettingKey[]) {
    const problem = checkSettingValue(key, settings[key]);
    if (problem !== undefined) {
      throw new ConfigError(`--${flagOf(key)?.long ?? key} ${problem}; nothing was saved to ${path}.`);
    }
  }
}

/** `voicechat profile add NAME --provider … [settings] [--gateway …] [--store-key]`. */
export async function runProfileAdd(
  name: string,
  typed: PartialSettings,
  options: Record<string, unknown>,
): Promise<ExitCodeValue> {
  if (!isValidProfileName(name)) {
    throw new UsageError(`"${name}" is not a valid profile name: use letters, digits, ".", "_" and "-".`);
  }
  const settings: PartialSettings = { ...typed };
  const provider = settings.provider;
  if (provider === undefined) {
    throw new UsageError('profile add needs --provider.', { hint: `One of: ${PROVIDER_IDS.join(', ')}.` });
  }
  const gateway = gatewayFromFlags({
    gateway: optionString(options, 'gateway'),
    gatewayUrl: optionString(options, 'gatewayUrl'),
    gatewayAccount: optionString(options, 'gatewayAccount'),
    authStyle: settings.authStyle,
  });
  if (gateway !== undefined) {
    if (settings.endpoint !== undefined) throw new UsageError('--gateway fills the endpoint; drop --endpoint.');
    delete settings.authStyle;
  }
  const path = configPathFor(process.env);
  checkValues(settings, path);
  if (options['storeKey'] === true) {
    settings.apiKey = await readKeyFromStdin();
    printNote(
      `warning: the key is stored in clear text in ${path} (mode 0600). ` +
        'Prefer --api-key-env VAR or --api-key-command "…" (e.g. a password manager).',
    );
  }
  const stored: StoredProfile = gateway === undefined ? settings : { ...settings, gateway };
  validateProfile(PROVIDER_CATALOGUE, profileLayer(PROVIDER_CATALOGUE, name, stored), path);
  const saved = await updateConfig(process.env, (data) => {
    const profiles = data.profiles ?? {};
    if (profiles[name] !== undefined && options['force'] !== true) {
      throw new ConfigError(`A profile named "${name}" already exists in ${path}.`, {
        hint: `Change it with voicechat profile set ${name} KEY=VALUE, or replace it with --force.`,
      });
    }
    return { ...data, profiles: { ...profiles, [name]: stored } };
  });
  const warning = voiceWarning(getDescriptor(provider), stored.voice);
  if (warning !== undefined) printNote(`warning: ${warning}`);
  const via = gateway === undefined ? '' : ` via ${gatewaySettings(gateway, getDescriptor(provider)).endpoint}`;
  printText(`Saved profile "${name}" (${provider}${via}) in ${saved.path}.`);
  if (saved.data.defaultProfile === undefined) printText(`Make it the default with: voicechat profile use ${name}`);
  return ExitCode.ok;
}
