import type { ProviderId } from '../core/session.js';
import { allDescriptors, getDescriptor, DISCOVERY_ORDER } from '../providers/registry.js';
import { registerEnvSecrets } from './credentials.js';
import { readEnvSettings } from './env.js';
import { readProfile } from './profile-source.js';
import { resolveSettings } from './resolve.js';
import type { PartialSettings, ResolvedSettings } from './settings.js';

export const GLOBAL_DEFAULTS: PartialSettings = { vad: 'server', timeoutSeconds: 15 };

/** First provider whose credentials are present, in the documented discovery order. */
export function discoverProvider(env: NodeJS.ProcessEnv): ProviderId | undefined {
  for (const id of DISCOVERY_ORDER) {
    const d = getDescriptor(id);
    if (d?.keyEnv.some((name) => (env[name] ?? '').trim() !== '') === true) return id;
  }
  return undefined;
}

export interface LoadedSettings extends ResolvedSettings {
  /** Set when no layer named a provider and one was picked from the credentials present. */
  discovered: ProviderId | undefined;
  profileName: string | undefined;
}

/** Reads every layer (profile file, environment, flags) and resolves them. */
export async function loadSettings(input: {
  flags: PartialSettings;
  env: NodeJS.ProcessEnv;
  profile?: string | undefined;
}): Promise<LoadedSettings> {
  registerEnvSecrets(input.env, allDescriptors().flatMap((d) => d.keyEnv));
  const profile = await readProfile(input.profile, input.env);
  const generic = readEnvSettings(input.env, undefined);
  const named = input.flags.provider ?? generic.settings.provider ?? profile?.settings.provider;
  const discovered = named === undefined ? discoverProvider(input.env) : undefined;
  const provider = named ?? discovered ?? 'openai';
  const env = readEnvSettings(input.env, getDescriptor(provider));
  const resolved = resolveSettings({
    defaults: GLOBAL_DEFAULTS,
    providerDefaults: (id) => getDescriptor(id)?.defaults ?? {},
    profile,
    env,
    flags: input.flags,
    fallbackProvider: provider,
  });
  return { ...resolved, discovered, profileName: profile?.name };
}
