import type { NoiseReduction, ProviderId, VadMode } from '../core/session.js';

/** How credentials are presented to an endpoint. */
export type AuthStyle = 'bearer' | 'api-key' | 'query';

/**
 * Every user-settable value, flat, with the same keys in flags, profiles and resolution.
 * All optional here: resolution fills defaults and records where each value came from.
 */
export interface Settings {
  provider: ProviderId;
  model: string;
  voice: string;
  instructions: string;
  /** Base URL override: a proxy, gateway or private endpoint. */
  endpoint: string;
  /** Name of the environment variable holding the key. */
  apiKeyEnv: string;
  /** Command whose stdout is the key (a password manager). */
  apiKeyCommand: string;
  /** A key stored in the profile (only with --store-key). */
  apiKey: string;
  authStyle: AuthStyle;
  apiVersion: string;
  /** Azure resource name or deployment. */
  deployment: string;
  project: string;
  location: string;
  vad: VadMode;
  vadThreshold: number;
  prefixPaddingMs: number;
  silenceDurationMs: number;
  eagerness: 'low' | 'medium' | 'high' | 'auto';
  speed: number;
  temperature: number;
  maxOutputTokens: number;
  transcriptionModel: string;
  transcriptionLanguage: string;
  noiseReduction: NoiseReduction;
  echoCancellation: boolean;
  inputDevice: string;
  outputDevice: string;
  timeoutSeconds: number;
  record: string;
}

export type SettingKey = keyof Settings;
export type PartialSettings = Partial<Settings>;

/** Where a resolved value came from, lowest precedence first ('config' = global settings file). */
export type Origin = 'default' | 'config' | 'profile' | 'env' | 'flag';

export interface ResolvedSettings {
  values: PartialSettings & Pick<Settings, 'provider' | 'model' | 'vad' | 'timeoutSeconds'>;
  origins: Partial<Record<SettingKey, { origin: Origin; detail?: string }>>;
}
