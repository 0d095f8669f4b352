import type { ProviderId } from '../core/session.js';
import { registerSecret } from '../core/secrets.js';
import { readConfig } from './config-store.js';
import { registerEnvSecrets } from './credentials.js';
import { GLOBAL_DEFAULTS } from './defaults.js';
import { readEnvSettings } from './env.js';
import { profileFrom } from './profile-source.js';
import type { ProviderCatalogue } from './provider-catalogue.js';
import { resolveSettings } from './resolve.js';
import type { PartialSettings, ResolvedSettings } from './settings.js';
import { discoverCredential, discoveryNotice, nothingConfiguredError } from './setup-hint.js';

export { GLOBAL_DEFAULTS } from './defaults.js';

/** First provider whose credentials are present, in the documented discovery order. */
export function discoverProvider(catalogue: ProviderCatalogue, env: NodeJS.ProcessEnv): ProviderId | undefined {
  return discoverCredential(catalogue.entries, env)?.provider;
}

export interface LoadedSettings extends ResolvedSettings {
  /** Set when no layer named a provider and one was picked from the credentials present. */
  discovered: ProviderId | undefined;
  profileName: string | undefined;
  /** One line for stderr saying which provider discovery picked (non-JSON runs print it). */
  notice: string | undefined;
  configPath: string;
  /** The file layers as stored: settings that merge across layers (MCP servers, allowed tools) read them. */
  layers: { config: PartialSettings; profile: PartialSettings | undefined };
}

const hasKeySource = (s: PartialSettings | undefined): boolean =>
  s !== undefined && (s.apiKeyEnv !== undefined || s.apiKeyCommand !== undefined || s.apiKey !== undefined);

/**
 * Reads every layer (config file, profile, environment, flags) and resolves them. With nothing
 * configured at all it throws a ConfigError explaining the setup, unless `explain` is asked for.
 */
export async function loadSettings(input: {
  catalogue: ProviderCatalogue;
  flags: PartialSettings;
  env: NodeJS.ProcessEnv;
  profile?: string | undefined;
  explain?: boolean | undefined;
}): Promise<LoadedSettings> {
  const { catalogue } = input;
  const descriptors = catalogue.entries;
  registerEnvSecrets(
    input.env,
    descriptors.flatMap((d) => d.keyEnv),
  );
  const config = await readConfig(input.env);
  const profile = profileFrom(catalogue, config, input.profile);
  registerSecret(profile?.settings.apiKey);
  const globalSettings = config.data.settings ?? {};
  const generic = readEnvSettings(input.env, undefined);
  const named =
    input.flags.provider ?? generic.settings.provider ?? profile?.settings.provider ?? globalSettings.provider;
  const found = named === undefined ? discoverCredential(descriptors, input.env) : undefined;
  const somethingSet =
    named !== undefined || found !== undefined || [input.flags, profile?.settings, globalSettings].some(hasKeySource);
  if (!somethingSet && input.explain !== true) throw nothingConfiguredError(descriptors);
  const provider = named ?? found?.provider ?? 'openai';
  const env = readEnvSettings(input.env, catalogue.get(provider));
  const resolved = resolveSettings({
    defaults: GLOBAL_DEFAULTS,
    providerDefaults: (id) => catalogue.get(id).defaults,
    config: { path: config.path, settings: globalSettings },
    profile,
    env,
    flags: input.flags,
    fallbackProvider: provider,
  });
  if (found !== undefined) resolved.origins.provider = { origin: 'env', detail: `discovered from ${found.variable}` };
  return {
    ...resolved,
    discovered: found?.provider,
    profileName: profile?.name,
    notice: found === undefined ? undefined : discoveryNotice(catalogue.get(found.provider).label, found.variable),
    configPath: config.path,
    layers: { config: globalSettings, profile: profile?.settings },
  };
}
