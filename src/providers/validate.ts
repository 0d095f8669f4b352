import { ConfigError } from '../core/errors.js';
import type { ResolvedSettings, SettingKey } from '../config/settings.js';

/** Shared checks of tuning values; providers add what only they refuse. */
export function validateCommon(settings: ResolvedSettings['values'], providerLabel: string): void {
  const range = (key: SettingKey, min: number, max: number): void => {
    const value = settings[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new ConfigError(`${key} must be a number from ${min} to ${max} (got ${JSON.stringify(value)}).`);
    }
  };
  range('vadThreshold', 0, 1);
  range('prefixPaddingMs', 0, 5000);
  range('silenceDurationMs', 0, 10000);
  range('speed', 0.25, 1.5);
  range('maxOutputTokens', 1, 4096);
  range('temperature', 0, 2);
  range('timeoutSeconds', 1, 600);
  if (settings.eagerness !== undefined && settings.vad !== 'semantic') {
    throw new ConfigError(`eagerness applies to --vad semantic only (${providerLabel} is set to ${settings.vad}).`);
  }
  if (settings.vad === 'semantic') {
    for (const key of ['vadThreshold', 'prefixPaddingMs', 'silenceDurationMs'] as const) {
      if (settings[key] !== undefined) {
        throw new ConfigError(`${key} applies to --vad server only; semantic VAD takes --eagerness.`);
      }
    }
  }
}

/** Refuses a setting the provider has no use for, naming it and why. */
export function refuse(
  settings: ResolvedSettings['values'],
  key: SettingKey,
  providerLabel: string,
  why: string,
): void {
  if (settings[key] !== undefined) {
    throw new ConfigError(`${providerLabel} does not support ${key}: ${why}.`);
  }
}
