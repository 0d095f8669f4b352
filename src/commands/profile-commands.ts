import { ConfigError, ExitCode, type ExitCodeValue } from '../core/errors.js';
import { getDescriptor, PROVIDER_CATALOGUE } from '../providers/registry.js';
import { applyAssignments, parseAssignments } from '../config/assignments.js';
import { readConfig, updateConfig, configPathFor } from '../config/config-store.js';
import { credentialStatus, describeCredentialStatus } from '../config/credential-status.js';
import { describeGateway, gatewaySettings } from '../config/gateway.js';
import { loadSettings } from '../config/load-settings.js';
import { profileLayer, validateProfile } from '../config/profile-layer.js';
import { profileNames } from '../config/profile-source.js';
import { formatSettingRows, settingRows } from '../config/setting-rows.js';
import type { LoadedConfig } from '../config/config-store.js';
import { formatTable } from './format-table.js';
import { isJson, printJson, printNote, printText } from './output.js';
import { voiceWarning } from './profile-warnings.js';

function requireProfile(config: LoadedConfig, name: string): void {
  if (config.data.profiles?.[name] !== undefined) return;
  const existing = profileNames(config);
  throw new ConfigError(`No profile named "${name}" in ${config.path}.`, {
    hint:
      existing.length > 0
        ? `Existing profiles: ${existing.join(', ')}.`
        : 'There are no profiles yet: voicechat profile add NAME --provider …',
  });
}

/** `voicechat profile list`: one line per profile, the default marked with *. */
export async function runProfileList(options: Record<string, unknown>): Promise<ExitCodeValue> {
  const config = await readConfig(process.env);
  const rows = profileNames(config).map((name) => {
    const stored = config.data.profiles?.[name] ?? {};
    const layer = profileLayer(PROVIDER_CATALOGUE, name, stored);
    return {
      name,
      default: config.data.defaultProfile === name,
      provider: stored.provider ?? null,
      model: stored.model ?? null,
      endpoint: layer.settings.endpoint ?? null,
      gateway: stored.gateway === undefined ? null : stored.gateway.preset,
    };
  });
  if (isJson(options)) {
    printJson({ file: config.path, default: config.data.defaultProfile ?? null, profiles: rows });
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    printText(
      `No profiles yet (${config.path}).\nCreate one: voicechat profile add NAME --provider openai --api-key-env VAR`,
    );
    return ExitCode.ok;
  }
  const table = rows.map((r) => [
    r.default ? '*' : ' ',
    r.name,
    r.provider ?? '-',
    r.model ?? '-',
    r.gateway === null ? (r.endpoint ?? '') : `${r.gateway} ${r.endpoint ?? ''}`,
  ]);
  printText(formatTable([[' ', 'NAME', 'PROVIDER', 'MODEL', 'ENDPOINT'], ...table]));
  return ExitCode.ok;
}

/** `voicechat profile show NAME`: the profile as a run would resolve it; no secret is ever shown. */
export async function runProfileShow(name: string, options: Record<string, unknown>): Promise<ExitCodeValue> {
  const config = await readConfig(process.env);
  requireProfile(config, name);
  const stored = config.data.profiles?.[name] ?? {};
  const loaded = await loadSettings({
    catalogue: PROVIDER_CATALOGUE,
    flags: {},
    env: process.env,
    profile: name,
    explain: true,
  });
  const descriptor = getDescriptor(loaded.values.provider);
  const credential = credentialStatus(loaded.values, descriptor.keyEnv, process.env);
  const rows = settingRows(loaded);
  const gateway =
    stored.gateway === undefined ? null : { ...stored.gateway, description: describeGateway(stored.gateway) };
  const isDefault = config.data.defaultProfile === name;
  if (isJson(options)) {
    printJson({ name, default: isDefault, file: config.path, gateway, credential, settings: rows });
    return ExitCode.ok;
  }
  const head = [
    `profile: ${name}${isDefault ? ' (default)' : ''}`,
    `file: ${config.path}`,
    `provider: ${descriptor.label}`,
    `key: ${describeCredentialStatus(credential)}`,
  ];
  if (stored.gateway !== undefined) head.push(`gateway: ${describeGateway(stored.gateway)} at ${stored.gateway.url}`);
  printText(`${head.join('\n')}\n\nsettings (with no flags; environment included):\n${formatSettingRows(rows)}`);
  return ExitCode.ok;
}

/** `voicechat profile set NAME KEY=VALUE…` (KEY= removes). */
export async function runProfileSet(name: string, assignments: string[]): Promise<ExitCodeValue> {
  const path = configPathFor(process.env);
  const parsed = parseAssignments(assignments, `profile "${name}" (${path})`);
  let voice: string | undefined;
  const saved = await updateConfig(process.env, (data) => {
    requireProfile({ path, exists: true, data }, name);
    const current = data.profiles?.[name] ?? {};
    const next = applyAssignments(current, parsed);
    validateProfile(PROVIDER_CATALOGUE, profileLayer(PROVIDER_CATALOGUE, name, next), path);
    voice = parsed.some((a) => a.key === 'voice') ? next.voice : undefined;
    return { ...data, profiles: { ...data.profiles, [name]: next } };
  });
  const stored = saved.data.profiles?.[name] ?? {};
  if (stored.provider !== undefined) {
    const warning = voiceWarning(getDescriptor(stored.provider), voice);
    if (warning !== undefined) printNote(`warning: ${warning}`);
    if (stored.gateway !== undefined && stored.endpoint === undefined) {
      printText(
        `Endpoint (${describeGateway(stored.gateway)}): ${gatewaySettings(stored.gateway, getDescriptor(stored.provider)).endpoint}`,
      );
    }
  }
  printText(`Updated profile "${name}" in ${saved.path}.`);
  return ExitCode.ok;
}

/** `voicechat profile remove NAME`; removing the default clears the default. */
export async function runProfileRemove(name: string): Promise<ExitCodeValue> {
  const saved = await updateConfig(process.env, (data) => {
    requireProfile({ path: configPathFor(process.env), exists: true, data }, name);
    const profiles = { ...data.profiles };
    delete profiles[name];
    const next = { ...data, profiles };
    if (next.defaultProfile === name) delete next.defaultProfile;
    return next;
  });
  printText(
    `Removed profile "${name}" from ${saved.path}${saved.backup === undefined ? '' : ` (previous file: ${saved.backup})`}.`,
  );
  return ExitCode.ok;
}

/** `voicechat profile use NAME`: the default for runs without --profile. */
export async function runProfileUse(name: string): Promise<ExitCodeValue> {
  const saved = await updateConfig(process.env, (data) => {
    requireProfile({ path: configPathFor(process.env), exists: true, data }, name);
    return { ...data, defaultProfile: name };
  });
  printText(`Default profile: ${name} (${saved.path}).`);
  return ExitCode.ok;
}
