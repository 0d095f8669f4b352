import { redact } from '../core/secrets.js';
import { specOf } from './setting-specs.js';
import type { Origin, ResolvedSettings, SettingKey } from './settings.js';

/** One resolved setting as shown to the user: never a secret. */
export interface SettingRow {
  key: SettingKey;
  value: string | number | boolean;
  origin: Origin;
  detail: string | undefined;
}

/** The resolved settings as rows, sorted by key; secrets become "(set)". Pure. */
export function settingRows(resolved: ResolvedSettings): SettingRow[] {
  return (Object.keys(resolved.values) as SettingKey[])
    .filter((key) => resolved.values[key] !== undefined)
    .sort()
    .map((key) => {
      const raw = resolved.values[key];
      const origin = resolved.origins[key];
      const value = specOf(key).secret === true ? '(set)' : shownValue(raw);
      return { key, value, origin: origin?.origin ?? 'default', detail: origin?.detail };
    });
}

/** Scalars as they are; lists and objects as JSON; every string scrubbed of secrets. */
function shownValue(raw: unknown): string | number | boolean {
  if (typeof raw === 'string') return redact(raw);
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return redact(JSON.stringify(raw) ?? '');
}

/** Rows as aligned text: `key  value  <- origin (detail)`. Pure. */
export function formatSettingRows(rows: readonly SettingRow[]): string {
  const width = Math.max(0, ...rows.map((r) => r.key.length));
  return rows
    .map((r) => {
      const from = r.detail === undefined ? r.origin : `${r.origin} (${r.detail})`;
      return `${r.key.padEnd(width)}  ${JSON.stringify(r.value)}  <- ${from}`;
    })
    .join('\n');
}
