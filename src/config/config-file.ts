import { ConfigError } from '../core/errors.js';
import { describeGatewayProblem, type GatewayRecord } from './gateway.js';
import { lineOfPath, locateJsonError } from './json-locate.js';
import { checkSettingValue, isSettingKey, SETTING_KEYS, storableIn, upgradeStoredValue } from './setting-specs.js';
import type { PartialSettings } from './settings.js';

/** A saved profile: settings plus, for gateways, the preset that produced its endpoint. */
export type StoredProfile = PartialSettings & { gateway?: GatewayRecord };

/** The whole config file. */
export interface ConfigData {
  defaultProfile?: string;
  /** Global settings (`voicechat config set`), below every profile. */
  settings?: PartialSettings;
  profiles?: Record<string, StoredProfile>;
}

const ROOT_KEYS = ['defaultProfile', 'settings', 'profiles'] as const;
/** conf keeps its own bookkeeping under this key. */
const CONF_INTERNAL_KEY = '__internal__';
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks a config file's text; any problem is a ConfigError naming the file, line and field. Pure. */
export function parseConfigText(text: string, path: string): ConfigData {
  if (text.trim() === '') return {};
  const syntax = locateJsonError(text);
  if (syntax !== undefined) {
    throw new ConfigError(
      `The config file ${path} is not valid JSON: line ${syntax.line}, column ${syntax.column}: ${syntax.message}.`,
      { hint: 'Fix the file by hand; voicechat will not change it until it parses again.' },
    );
  }
  const data: unknown = JSON.parse(text);
  const problem = (field: string[], what: string): never => {
    const line = lineOfPath(text, field);
    const where = line === undefined ? path : `${path}:${line}`;
    throw new ConfigError(`Invalid config ${where}: ${field.join('.')} ${what}.`, {
      hint: 'Fix the file by hand (or with voicechat profile set / config set); it is left untouched until then.',
    });
  };
  if (!isRecord(data)) return problem([], 'must be a JSON object at the top level');
  for (const key of Object.keys(data)) {
    if (key !== CONF_INTERNAL_KEY && !(ROOT_KEYS as readonly string[]).includes(key)) {
      problem([key], `is not a known key (allowed: ${ROOT_KEYS.join(', ')})`);
    }
  }
  const out: ConfigData = {};
  if (data['defaultProfile'] !== undefined) {
    if (typeof data['defaultProfile'] !== 'string') problem(['defaultProfile'], 'must be a profile name');
    out.defaultProfile = data['defaultProfile'] as string;
  }
  if (data['settings'] !== undefined) {
    out.settings = checkSettings(data['settings'], ['settings'], problem, 'config');
  }
  if (data['profiles'] !== undefined) {
    const profiles = data['profiles'];
    if (!isRecord(profiles)) return problem(['profiles'], 'must be an object of profiles');
    out.profiles = {};
    for (const [name, raw] of Object.entries(profiles)) {
      if (!isValidProfileName(name))
        problem(['profiles', name], 'is not a valid profile name (letters, digits, . _ -)');
      const { gateway, ...rest } = isRecord(raw) ? raw : problem(['profiles', name], 'must be an object');
      const profile: StoredProfile = checkSettings(rest, ['profiles', name], problem, 'profile');
      if (gateway !== undefined) {
        const why = describeGatewayProblem(gateway);
        if (why !== undefined) problem(['profiles', name, 'gateway'], why);
        profile.gateway = gateway as GatewayRecord;
      }
      out.profiles[name] = profile;
    }
  }
  return out;
}

function checkSettings(
  raw: unknown,
  at: string[],
  problem: (field: string[], what: string) => never,
  layer: 'profile' | 'config',
): PartialSettings {
  if (!isRecord(raw)) return problem(at, 'must be an object of settings');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingKey(key) || !storableIn(key, layer)) {
      problem([...at, key], `is not a setting (known: ${SETTING_KEYS.filter((k) => storableIn(k, layer)).join(', ')})`);
    } else {
      const current = upgradeStoredValue(key, value);
      const why = checkSettingValue(key, current);
      if (why !== undefined) problem([...at, key], why);
      out[key] = current;
    }
  }
  return out;
}

/** The config as text, the way voicechat writes it. */
export function serializeConfig(data: ConfigData): string {
  return `${JSON.stringify(data, undefined, 2)}\n`;
}
