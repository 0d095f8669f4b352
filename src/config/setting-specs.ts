import { assertNever } from '../core/assert-never.js';
import { PROVIDER_IDS } from '../core/session.js';

/**
 * How a setting appears on the command line. Absent on a spec: the setting lives only in the
 * config file or a profile (e.g. a stored key, or a structured value no flag can carry).
 */
export interface FlagSpec {
  /** Long option name without the dashes: `vad-threshold`. */
  long: string;
  /** One-letter alias: `p` for `-p`. */
  short?: string;
  /** Placeholder shown in help: `id` prints `<id>`. Booleans have none. */
  arg?: string;
  help: string;
  /**
   * A `--no-<long>` option. For booleans it sets false; for other kinds it sets `value`
   * (e.g. `--no-echo-cancellation` as an alias of `--echo-cancellation off`).
   */
  negate?: { help: string; value?: string };
  /** Only the `--no-` form exists (a boolean that is on unless turned off). */
  negateOnly?: boolean;
  /** May be given more than once; the values collect into a list (kind 'list'). */
  repeatable?: boolean;
}

interface SpecBase {
  flag?: FlagSpec;
  /** The provider-independent default, the lowest layer of resolution. */
  default?: string | number | boolean;
  /** A `VOICECHAT_*` environment variable that carries it (providers add their own variables). */
  env?: string;
  /** May a profile hold it (default true)? */
  inProfile?: boolean;
  /** May the global settings of the config file hold it (default true)? */
  inConfig?: boolean;
  /**
   * Only some providers take it; which ones is declared by the providers themselves (the
   * catalogue's `ownSettings`), and a profile naming another provider is refused.
   */
  providerOnly?: boolean;
  /** Never printed; only whether it is set. */
  secret?: boolean;
  /** Booleans an older version stored, and what they mean now (`true` -> `auto`); read from files only. */
  legacy?: Readonly<Record<string, string>>;
}

/** The type and allowed values of one setting: the schema every layer is checked against. */
export type SettingSpec = SpecBase &
  (
    | { kind: 'string' }
    | { kind: 'env-name' }
    | { kind: 'url' }
    | { kind: 'number'; min: number; max: number; integer?: boolean }
    | { kind: 'boolean' }
    | {
        kind: 'enum';
        values: readonly string[];
        /** "Unknown provider" rather than "--provider must be". */ noun?: string;
      }
    | { kind: 'list' }
    /** Structured (e.g. a server table): files only, never a flag. */
    | { kind: 'object'; flag?: never }
  );

export type SettingKind = SettingSpec['kind'];

/**
 * Every setting, once: its shape, its flag and help text, and where it may be stored. The
 * `Settings` type, the commander options of `voicechat` and `voicechat profile add`, flag
 * parsing, and the checks of every layer are all derived from this table, so adding a setting is
 * one entry here (plus the code that uses it). Ranges match the providers' own checks.
 */
export const SETTING_SPECS = {
  provider: {
    kind: 'enum',
    values: PROVIDER_IDS,
    noun: 'provider',
    env: 'VOICECHAT_PROVIDER',
    flag: { long: 'provider', short: 'p', arg: 'id', help: PROVIDER_IDS.join(' | ') },
  },
  model: {
    kind: 'string',
    env: 'VOICECHAT_MODEL',
    flag: { long: 'model', short: 'm', arg: 'name', help: 'model (or Azure deployment)' },
  },
  voice: {
    kind: 'string',
    env: 'VOICECHAT_VOICE',
    flag: { long: 'voice', arg: 'name', help: 'voice of the assistant' },
  },
  instructions: {
    kind: 'string',
    flag: { long: 'instructions', short: 'i', arg: 'text', help: 'system instructions' },
  },
  endpoint: {
    kind: 'url',
    flag: { long: 'endpoint', arg: 'url', help: 'base URL: a proxy, gateway or private endpoint' },
  },
  apiKeyEnv: {
    kind: 'env-name',
    flag: { long: 'api-key-env', arg: 'name', help: 'read the API key from this environment variable' },
  },
  apiKeyCommand: {
    kind: 'string',
    flag: { long: 'api-key-command', arg: 'cmd', help: 'run this command and use its output as the API key' },
  },
  /** A key stored in a profile (only with `profile add --store-key`, which warns). */
  apiKey: { kind: 'string', secret: true, inConfig: false },
  authStyle: {
    kind: 'enum',
    values: ['bearer', 'api-key', 'query'],
    flag: { long: 'auth-style', arg: 'style', help: 'bearer | api-key | query (gateways)' },
  },
  apiVersion: {
    kind: 'string',
    flag: {
      long: 'api-version',
      arg: 'version',
      help: 'API version (Azure preview / Voice Live, Gemini v1beta|v1alpha|v1)',
    },
  },
  deployment: {
    kind: 'string',
    providerOnly: true,
    flag: { long: 'deployment', arg: 'name', help: 'Azure deployment name' },
  },
  project: {
    kind: 'string',
    providerOnly: true,
    flag: { long: 'project', arg: 'id', help: 'Google Cloud project (Vertex AI)' },
  },
  location: {
    kind: 'string',
    providerOnly: true,
    flag: { long: 'location', arg: 'region', help: 'Google Cloud location (Vertex AI)' },
  },
  vad: {
    kind: 'enum',
    values: ['server', 'semantic', 'manual'],
    default: 'server',
    flag: { long: 'vad', arg: 'mode', help: 'turn-taking: server | semantic | manual (push-to-talk)' },
  },
  vadThreshold: {
    kind: 'number',
    min: 0,
    max: 1,
    flag: { long: 'vad-threshold', arg: '0-1', help: 'server VAD threshold' },
  },
  prefixPaddingMs: {
    kind: 'number',
    min: 0,
    max: 5000,
    integer: true,
    flag: { long: 'prefix-padding', arg: 'ms', help: 'server VAD prefix padding' },
  },
  silenceDurationMs: {
    kind: 'number',
    min: 0,
    max: 10000,
    integer: true,
    flag: { long: 'silence-duration', arg: 'ms', help: 'server VAD silence before the turn ends' },
  },
  eagerness: {
    kind: 'enum',
    values: ['low', 'medium', 'high', 'auto'],
    flag: { long: 'eagerness', arg: 'level', help: 'semantic VAD: low | medium | high | auto' },
  },
  speed: { kind: 'number', min: 0.25, max: 1.5, flag: { long: 'speed', arg: 'x', help: 'speech speed (0.25-1.5)' } },
  temperature: {
    kind: 'number',
    min: 0,
    max: 2,
    flag: { long: 'temperature', arg: 'x', help: 'sampling temperature (providers that have it)' },
  },
  maxOutputTokens: {
    kind: 'number',
    min: 1,
    max: 4096,
    integer: true,
    flag: { long: 'max-output-tokens', arg: 'n', help: 'cap on reply length' },
  },
  transcriptionModel: {
    kind: 'string',
    flag: { long: 'transcription-model', arg: 'name', help: 'model that transcribes your speech' },
  },
  transcriptionLanguage: {
    kind: 'string',
    flag: { long: 'transcription-language', arg: 'code', help: 'language of your speech (ISO-639-1)' },
  },
  noiseReduction: {
    kind: 'enum',
    values: ['near_field', 'far_field', 'off'],
    flag: { long: 'noise-reduction', arg: 'type', help: 'near_field | far_field | off' },
  },
  echoCancellation: {
    kind: 'enum',
    values: ['auto', 'local', 'server', 'off'],
    default: 'auto',
    // profiles written before the modes existed stored a boolean (server echo cancellation on/off)
    legacy: { true: 'auto', false: 'off' },
    flag: {
      long: 'echo-cancellation',
      arg: 'mode',
      help: "auto | local (WebRTC AEC3 here) | server (the provider's) | off",
      negate: { help: 'no echo cancellation (= --echo-cancellation off)', value: 'off' },
    },
  },
  noiseSuppression: {
    kind: 'enum',
    values: ['local', 'off'],
    default: 'off',
    flag: { long: 'noise-suppression', arg: 'mode', help: 'local (WebRTC noise suppression on the mic) | off' },
  },
  audioBackend: {
    kind: 'enum',
    values: ['auto', 'portaudio', 'pulse'],
    default: 'auto',
    flag: { long: 'audio-backend', arg: 'name', help: 'auto | portaudio | pulse (PulseAudio/PipeWire tools)' },
  },
  inputDevice: {
    kind: 'string',
    env: 'VOICECHAT_INPUT_DEVICE',
    flag: { long: 'input-device', arg: 'id|name', help: 'microphone (id or part of the name)' },
  },
  outputDevice: {
    kind: 'string',
    env: 'VOICECHAT_OUTPUT_DEVICE',
    flag: { long: 'output-device', arg: 'id|name', help: 'speaker (id or part of the name)' },
  },
  timeoutSeconds: {
    kind: 'number',
    min: 1,
    max: 600,
    default: 15,
    flag: { long: 'timeout', arg: 'seconds', help: 'connect / reply inactivity timeout' },
  },
  record: {
    kind: 'string',
    flag: { long: 'record', arg: 'dir', help: 'record conversations to this directory' },
  },
  // issue #16: proxy, prices, cost limit
  proxy: {
    kind: 'string',
    env: 'VOICECHAT_PROXY',
    flag: { long: 'proxy', arg: 'url|none', help: 'proxy for provider connections (overrides HTTPS_PROXY …)' },
  },
  prices: { kind: 'object', inProfile: false },
  maxCostUsd: {
    kind: 'number',
    min: 0.0001,
    max: 100000,
    flag: { long: 'max-cost', arg: 'usd', help: 'end the session once the estimated cost passes this' },
  },
  /** MCP servers (`{ name: { command, args, env, cwd } | { url, headers } }`); merged per name, not replaced. */
  mcpServers: { kind: 'object' },
  /** Tools that run without asking (`server/tool`, `server/*`); the union of every layer and the flags. */
  allowTools: {
    kind: 'list',
    flag: {
      long: 'allow-tool',
      arg: 'server/tool',
      help: 'run this MCP tool without asking (repeatable; server/* for all of a server)',
      repeatable: true,
    },
  },
} as const satisfies Record<string, SettingSpec>;

type Specs = typeof SETTING_SPECS;
export type SettingKey = keyof Specs;

/** The value type a spec describes. */
export type SettingValueOf<S> = S extends { kind: 'enum'; values: readonly (infer V)[] }
  ? V
  : S extends { kind: 'number' }
    ? number
    : S extends { kind: 'boolean' }
      ? boolean
      : S extends { kind: 'list' }
        ? string[]
        : S extends { kind: 'object' }
          ? Record<string, unknown>
          : string;

/** Every user-settable value, flat, with the same keys in flags, profiles and resolution. Derived. */
export type Settings = { [K in SettingKey]: SettingValueOf<Specs[K]> };

/** Settings that have a command-line flag. */
export type FlagSettingKey = {
  [K in SettingKey]: Specs[K] extends { flag: FlagSpec } ? K : never;
}[SettingKey];

export function specOf(key: SettingKey): SettingSpec {
  return SETTING_SPECS[key];
}

export const SETTING_KEYS = Object.keys(SETTING_SPECS) as SettingKey[];

export function isSettingKey(name: string): name is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTING_SPECS, name);
}

/** The flag of a setting, or undefined for settings only a file holds. */
export function flagOf(key: SettingKey): FlagSpec | undefined {
  return specOf(key).flag;
}

/** Provider-independent defaults from the table. */
export const TABLE_DEFAULTS: Partial<Settings> = Object.fromEntries(
  SETTING_KEYS.flatMap((key) => {
    const value = specOf(key).default;
    return value === undefined ? [] : [[key, value]];
  }),
);

/** `VOICECHAT_*` variables from the table, by setting. */
export const GENERIC_ENV: Partial<Record<SettingKey, string>> = Object.fromEntries(
  SETTING_KEYS.flatMap((key) => {
    const name = specOf(key).env;
    return name === undefined ? [] : [[key, name]];
  }),
);

/** May this layer hold the setting? */
export function storableIn(key: SettingKey, layer: 'profile' | 'config'): boolean {
  const spec = specOf(key);
  return layer === 'profile' ? spec.inProfile !== false : spec.inConfig !== false;
}

/** Settings only some providers take (which ones: the provider catalogue). */
export const PROVIDER_ONLY_KEYS: readonly SettingKey[] = SETTING_KEYS.filter((k) => specOf(k).providerOnly === true);

/** Keys a user may assign with `profile set` / `config set` (stored keys go through `--store-key`). */
export const ASSIGNABLE_KEYS: readonly SettingKey[] = SETTING_KEYS.filter((k) => specOf(k).secret !== true);

/** A key as the user may type it: the setting name (`vadThreshold`) or its flag (`vad-threshold`). */
export function settingKeyFromName(name: string): SettingKey | undefined {
  if (isSettingKey(name)) return name;
  const flag = name.replace(/^--/, '');
  return SETTING_KEYS.find((key) => flagOf(key)?.long === flag);
}

/** Allowed values of a setting, in words, for error messages. */
export function describeAllowed(key: SettingKey): string {
  const spec = specOf(key);
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
    case 'list':
      return 'a list of non-empty texts';
    case 'object':
      return 'a JSON object';
    default:
      return assertNever(spec, 'setting kind');
  }
}

function isUrl(text: string): boolean {
  try {
    return ['http:', 'https:', 'ws:', 'wss:'].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

function isSecret(key: SettingKey): boolean {
  return specOf(key).secret === true;
}

function shown(key: SettingKey, value: unknown): string {
  if (isSecret(key)) return 'a value';
  return typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
}

const nonEmptyText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** A value from a file in today's terms: an older version's value (a boolean) becomes its mode. Pure. */
export function upgradeStoredValue(key: SettingKey, value: unknown): unknown {
  const legacy = specOf(key).legacy;
  if (legacy === undefined || typeof value !== 'boolean') return value;
  return legacy[String(value)] ?? value;
}

/** Checks a stored (JSON) value against the schema; returns the problem in words, or undefined. Pure. */
export function checkSettingValue(key: SettingKey, value: unknown): string | undefined {
  const spec = specOf(key);
  const problem = `must be ${describeAllowed(key)} (got ${shown(key, value)})`;
  switch (spec.kind) {
    case 'string':
      return nonEmptyText(value) ? undefined : problem;
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
    case 'list':
      return Array.isArray(value) && value.every(nonEmptyText) ? undefined : problem;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : problem;
    default:
      return assertNever(spec, 'setting kind');
  }
}

export type ParsedSetting = { ok: true; value: Settings[SettingKey] } | { ok: false; problem: string };

function typedFromText(spec: SettingSpec, text: string): unknown {
  switch (spec.kind) {
    case 'number':
      return text === '' ? Number.NaN : Number(text);
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', 'on', '1'].includes(lower)) return true;
      if (['false', 'no', 'off', '0'].includes(lower)) return false;
      return text;
    }
    case 'list':
      return text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    case 'object':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    case 'string':
    case 'env-name':
    case 'url':
    case 'enum':
      return text;
    default:
      return assertNever(spec, 'setting kind');
  }
}

/** Turns text typed by the user (`key=value`, an environment variable) into a typed, checked value. Pure. */
export function parseSettingText(key: SettingKey, raw: string): ParsedSetting {
  const value = typedFromText(specOf(key), raw.trim());
  if (checkSettingValue(key, value) !== undefined) {
    const got = isSecret(key) ? 'a value' : `"${raw}"`;
    return { ok: false, problem: `must be ${describeAllowed(key)} (got ${got})` };
  }
  return { ok: true, value: value as Settings[SettingKey] };
}
