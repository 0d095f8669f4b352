import { ConfigError, isVoicechatError } from '../core/errors.js';
import type { ProviderId } from '../core/session.js';
import type { StoredProfile } from './config-file.js';
import { GLOBAL_DEFAULTS } from './defaults.js';
import { describeGateway, gatewaySettings } from './gateway.js';
import { providersTaking, type ProviderCatalogue } from './provider-catalogue.js';
import { resolveSettings } from './resolve.js';
import { PROVIDER_ONLY_KEYS } from './setting-specs.js';
import type { PartialSettings, SettingKey } from './settings.js';

/** A profile as a resolution layer: its settings, and a note for values that are not typed in. */
export interface ProfileLayer {
  name: string;
  settings: PartialSettings;
  /** Per key, extra words for "where it came from" (e.g. the gateway that built the endpoint). */
  details?: Partial<Record<SettingKey, string>>;
}

/**
 * The first setting the provider cannot take, in words; undefined when all fit. Settings only
 * some providers take are refused for the others (the providers declare which they take). Pure.
 */
export function providerKeyProblem(
  catalogue: ProviderCatalogue,
  provider: ProviderId,
  settings: PartialSettings,
): string | undefined {
  for (const key of PROVIDER_ONLY_KEYS) {
    if (settings[key] === undefined || catalogue.get(provider).ownSettings.includes(key)) continue;
    return `${key} applies to ${providersTaking(catalogue, key).join(', ')} only (this profile uses ${provider})`;
  }
  return undefined;
}

/** Turns a stored profile into a layer; a gateway fills endpoint and auth unless typed in. Pure. */
export function profileLayer(catalogue: ProviderCatalogue, name: string, stored: StoredProfile): ProfileLayer {
  const { gateway, ...settings } = stored;
  if (gateway === undefined || settings.provider === undefined) return { name, settings };
  const fromGateway = gatewaySettings(gateway, catalogue.get(settings.provider));
  const details: Partial<Record<SettingKey, string>> = {};
  const note = `${name}, ${describeGateway(gateway)}`;
  if (settings.endpoint === undefined) details.endpoint = note;
  if (settings.authStyle === undefined) details.authStyle = note;
  return { name, settings: { ...fromGateway, ...settings }, details };
}

/** Checks a profile against its provider's schema; problems name the profile and the file. */
export function validateProfile(catalogue: ProviderCatalogue, layer: ProfileLayer, path: string): void {
  const provider = layer.settings.provider;
  if (provider === undefined) return;
  const fail = (message: string, hint?: string): never => {
    throw new ConfigError(`Profile "${layer.name}" in ${path}: ${message}`, {
      hint: hint ?? `Change it with: voicechat profile set ${layer.name} KEY=VALUE (or KEY= to remove it).`,
    });
  };
  const keyProblem = providerKeyProblem(catalogue, provider, layer.settings);
  if (keyProblem !== undefined) fail(`${keyProblem}.`);
  const problem = validationProblem(catalogue, provider, layer);
  // a requirement that a bare profile of this provider misses too (e.g. an endpoint that may come
  // from the environment) is not this profile's fault; the run reports it with the full picture
  if (
    problem !== undefined &&
    problem.message !== validationProblem(catalogue, provider, { name: layer.name, settings: { provider } })?.message
  ) {
    fail(problem.message, problem.hint);
  }
}

function validationProblem(
  catalogue: ProviderCatalogue,
  provider: ProviderId,
  layer: ProfileLayer,
): { message: string; hint: string | undefined } | undefined {
  const values = resolveSettings({
    defaults: GLOBAL_DEFAULTS,
    providerDefaults: (id) => catalogue.get(id).defaults,
    profile: layer,
    env: { settings: {}, names: {} },
    flags: {},
    fallbackProvider: provider,
  }).values;
  const entry = catalogue.get(provider);
  if (values.echoCancellation === 'server' && !entry.serverEchoCancellation) {
    return { message: `${entry.label} has no server echo cancellation.`, hint: 'Use echoCancellation=local or auto.' };
  }
  try {
    entry.validate(values);
    return undefined;
  } catch (error) {
    if (isVoicechatError(error)) return { message: error.message, hint: error.hint };
    throw error;
  }
}
