import type { LoadedSettings } from '../config/load-settings.js';
import type { SettingKey } from '../config/settings.js';

const SECRET_KEYS: ReadonlySet<SettingKey> = new Set(['apiKey']);

/** The resolved settings with the origin of each; secrets are shown as set/unset only. */
export function formatExplain(loaded: LoadedSettings, json: boolean): string {
  const rows = (Object.keys(loaded.values) as SettingKey[]).sort().map((key) => {
    const value = loaded.values[key];
    const origin = loaded.origins[key];
    return {
      key,
      value: SECRET_KEYS.has(key) ? '(set)' : value,
      origin: origin?.origin ?? 'default',
      detail: origin?.detail,
    };
  });
  if (json) return `${JSON.stringify({ profile: loaded.profileName ?? null, settings: rows })}\n`;
  const width = Math.max(...rows.map((r) => r.key.length));
  const lines = rows.map((r) => {
    const from = r.detail === undefined ? r.origin : `${r.origin} (${r.detail})`;
    return `${r.key.padEnd(width)}  ${JSON.stringify(r.value)}  <- ${from}`;
  });
  return `${lines.join('\n')}\n`;
}
