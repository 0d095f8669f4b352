import { UsageError } from '../core/errors.js';
import { isProviderId, PROVIDER_IDS } from '../core/session.js';
import type { AuthStyle, PartialSettings } from '../config/settings.js';

/** Raw commander options of the main command. */
export interface MainFlags {
  provider?: string;
  model?: string;
  voice?: string;
  instructions?: string;
  endpoint?: string;
  apiKeyEnv?: string;
  apiKeyCommand?: string;
  authStyle?: string;
  apiVersion?: string;
  deployment?: string;
  project?: string;
  location?: string;
  vad?: string;
  vadThreshold?: string;
  prefixPadding?: string;
  silenceDuration?: string;
  eagerness?: string;
  speed?: string;
  temperature?: string;
  maxOutputTokens?: string;
  transcriptionModel?: string;
  transcriptionLanguage?: string;
  noiseReduction?: string;
  echoCancellation?: boolean;
  inputDevice?: string;
  outputDevice?: string;
  timeout?: string;
  record?: string;
}

function number(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--${flag} expects a number (got "${raw}").`);
  }
  return value;
}

function oneOf<T extends string>(flag: string, raw: string | undefined, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${raw}").`);
}

/** Turns command-line flags into settings; every value is checked for shape here. */
export function flagsToSettings(flags: MainFlags): PartialSettings {
  const out: PartialSettings = {};
  if (flags.provider !== undefined) {
    if (!isProviderId(flags.provider)) {
      throw new UsageError(`Unknown provider "${flags.provider}". Choose one of: ${PROVIDER_IDS.join(', ')}.`);
    }
    out.provider = flags.provider;
  }
  const copy = <K extends keyof PartialSettings>(key: K, value: PartialSettings[K] | undefined): void => {
    if (value !== undefined) out[key] = value;
  };
  copy('model', flags.model);
  copy('voice', flags.voice);
  copy('instructions', flags.instructions);
  copy('endpoint', flags.endpoint);
  copy('apiKeyEnv', flags.apiKeyEnv);
  copy('apiKeyCommand', flags.apiKeyCommand);
  copy('authStyle', oneOf<AuthStyle>('auth-style', flags.authStyle, ['bearer', 'api-key', 'query']));
  copy('apiVersion', flags.apiVersion);
  copy('deployment', flags.deployment);
  copy('project', flags.project);
  copy('location', flags.location);
  copy('vad', oneOf('vad', flags.vad, ['server', 'semantic', 'manual'] as const));
  copy('vadThreshold', number('vad-threshold', flags.vadThreshold));
  copy('prefixPaddingMs', number('prefix-padding', flags.prefixPadding));
  copy('silenceDurationMs', number('silence-duration', flags.silenceDuration));
  copy('eagerness', oneOf('eagerness', flags.eagerness, ['low', 'medium', 'high', 'auto'] as const));
  copy('speed', number('speed', flags.speed));
  copy('temperature', number('temperature', flags.temperature));
  copy('maxOutputTokens', number('max-output-tokens', flags.maxOutputTokens));
  copy('transcriptionModel', flags.transcriptionModel);
  copy('transcriptionLanguage', flags.transcriptionLanguage);
  copy('noiseReduction', oneOf('noise-reduction', flags.noiseReduction, ['near_field', 'far_field', 'off'] as const));
  copy('echoCancellation', flags.echoCancellation);
  copy('inputDevice', flags.inputDevice);
  copy('outputDevice', flags.outputDevice);
  copy('timeoutSeconds', number('timeout', flags.timeout));
  copy('record', flags.record);
  return out;
}
