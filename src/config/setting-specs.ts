import { PROVIDER_IDS } from '../core/session.js';
import type { PartialSettings, SettingKey } from './settings.js';

/** The type and allowed values of one setting: the schema every layer is checked against. */
export type SettingSpec =
  | { kind: 'string'; flag: string; secret?: boolean }
  | { kind: 'env-name'; flag: string }
  | { kind: 'url'; flag: string }
  | { kind: 'number'; flag: string; min: number; max: number; integer?: boolean }
  | { kind: 'boolean'; flag: string }
  | { kind: 'enum'; flag: string; values: readonly string[] };

/** Every setting key, its command-line flag and its shape. Ranges match the providers' own checks. */
export const SETTING_SPECS: Readonly<Record<SettingKey, SettingSpec>> = {
  provider: { kind: 'enum', flag: 'provider', values: PROVIDER_IDS },
  model: { kind: 'string', flag: 'model' },
  voice: { kind: 'string', flag: 'voice' },
  instructions: { kind: 'string', flag: 'instructions' },
  endpoint: { kind: 'url', flag: 'endpoint' },
  apiKeyEnv: { kind: 'env-name', flag: 'api-key-env' },
  apiKeyCommand: { kind: 'string', flag: 'api-key-command' },
  apiKey: { kind: 'string', flag: 'store-key', secret: true },
  authStyle: { kind: 'enum', flag: 'auth-style', values: ['bearer', 'api-key', 'query'] },
  apiVersion: { kind: 'string', flag: 'api-version' },
  deployment: { kind: 'string', flag: 'deployment' },
  project: { kind: 'string', flag: 'project' },
  location: { kind: 'string', flag: 'location' },
  vad: { kind: 'enum', flag: 'vad', values: ['server', 'semantic', 'manual'] },
  vadThreshold: { kind: 'number', flag: 'vad-threshold', min: 0, max: 1 },
  prefixPaddingMs: { kind: 'number', flag: 'prefix-padding', min: 0, max: 5000, integer: true },
  silenceDurationMs: { kind: 'number', flag: 'silence-duration', min: 0, max: 10000, integer: true },
  eagerness: { kind: 'enum', flag: 'eagerness', values: ['low', 'medium', 'high', 'auto'] },
  speed: { kind: 'number', flag: 'speed', min: 0.25, max: 1.5 },
  temperature: { kind: 'number', flag: 'temperature', min: 0, max: 2 },
  maxOutputTokens: { kind: 'number', flag: 'max-output-tokens', min: 1, max: 4096, integer: true },
  transcriptionModel: { kind: 'string', flag: 'transcription-model' },
  transcriptionLanguage: { kind: 'string', flag: 'transcription-language' },
  noiseReduction: { kind: 'enum', flag: 'noise-reduction', values: ['near_field', 'far_field', 'off'] },
  echoCancellation: { kind: 'boolean', flag: 'echo-cancellation' },
  inputDevice: { kind: 'string', flag: 'input-device' },
  outputDevice: { kind: 'string', flag: 'output-device' },
  timeoutSeconds: { kind: 'number', flag: 'timeout', min: 1, max: 600 },
  record: { kind: 'string', flag: 'record' },
};

export const SETTING_KEYS = Object.keys(SETTING_SPECS) as SettingKey[];

export function isSettingKey(name: string): name is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_SPECS, name);
}

/** A key as the user may type it: the setting name (`vadThreshold`) or its flag (`vad-threshold`). */
export function settingKeyFromName(name: string): SettingKey | undefined {
  if (isSettingKey(name)) return name;
  const flag = name.replace(/^--/, '');
  return SETTING_KEYS.find((key) => SETTING_SPECS[key].flag === flag && key !== 'apiKey');
}

/** Allowed values of a setting, in words, for error messages. */
export function describeAllowed(key: SettingKey): string {
  const spec = SETTING_SPECS[key];
  switch (spec.kind) {
    case 'string':
      return 'a non-empty text';
    case 'env-name':
      return 'an environment variable name (letters, digits, _)';
    case 'url':
      return 'an http(s):// or ws(s):// URL (or an Azure resource name)';
    case 'number':
      return `${spec.integer === true ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.values.join(', ')}`;
    default:
      return assertSpec(spec);
  }
}

function assertSpec(spec: never): never {
  throw new Error(`Unhandled setting spec: ${JSON.stringify(spec)}`);
}

function isUrl(text: string): boolean {
  try {
    return ['http:', 'https:', 'ws:', 'wss:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isSecret(key: SettingKey): boolean {
  const spec = SETTING_SPECS[key];
  return spec.kind === 'string' && spec.secret === true;
}

function shown(key: SettingKey, value: unknown): string {
  if (isSecret(key)) return 'a value';
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

/** Checks a stored (JSON) value against the schema; returns the problem in words, or undefined. Pure. */
export function checkSettingValue(key: SettingKey, value: unknown): string | undefined {
  const spec = SETTING_SPECS[key];
  const problem = `must be ${describeAllowed(key)} (got ${shown(key, value)})`;
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? undefined : problem;
    case 'env-name':
      return typeof value === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value) ? undefined : problem;
    case 'url':
      // Azure endpoints may be given as a bare resource or host name; the provider expands them
      return typeof value === 'string' && (isUrl(value) || /^[a-z0-9][a-z0-9.-]*$/i.test(value)) ? undefined : problem;
    case 'number': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= spec.min &&
        value <= spec.max &&
        (spec.integer !== true || Number.isInteger(value));
      return ok ? undefined : problem;
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : problem;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? undefined : problem;
    default:
      return assertSpec(spec);
  }
}

export type ParsedSetting = { ok: true; value: PartialSettings[SettingKey] } | { ok: false; problem: string };

/** Turns text typed by the user (`key=value`) into a typed value, checked against the schema. Pure. */
export function parseSettingText(key: SettingKey, raw: string): ParsedSetting {
  const spec = SETTING_SPECS[key];
  const text = raw.trim();
  let value: unknown = text;
  if (spec.kind === 'number') value = text === '' ? Number.NaN : Number(text);
  if (spec.kind === 'boolean') {
    const lower = text.toLowerCase();
    value = ['true', 'yes', 'on', '1'].includes(lower)
      ? true
      : ['false', 'no', 'off', '0'].includes(lower)
        ? false
        : text;
  }
  if (checkSettingValue(key, value) !== undefined) {
    const got = isSecret(key) ? 'a value' : `"${raw}"`;
    return { ok: false, problem: `must be ${describeAllowed(key)} (got ${got})` };
  }
  return { ok: true, value: value as PartialSettings[SettingKey] };
}
