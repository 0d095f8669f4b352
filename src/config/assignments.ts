import { ConfigError, UsageError } from '../core/errors.js';
import { ASSIGNABLE_KEYS, parseSettingText, settingKeyFromName, specOf } from './setting-specs.js';
import type { PartialSettings, SettingKey } from './settings.js';

/** One `key=value` from the command line; `value` undefined means "remove" (`key=`). */
export interface Assignment {
  key: SettingKey;
  value: PartialSettings[SettingKey] | undefined;
}

/**
 * Parses `key=value …` (keys as setting names or flag names). Unknown keys are usage errors;
 * bad values are ConfigErrors naming the field, the allowed values and where it would be saved. Pure.
 */
export function parseAssignments(args: readonly string[], where: string): Assignment[] {
  if (args.length === 0) throw new UsageError('Give at least one KEY=VALUE (KEY= removes the setting).');
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`Expected KEY=VALUE, got "${arg}".`);
    const name = arg.slice(0, eq).trim();
    const raw = arg.slice(eq + 1);
    const key = settingKeyFromName(name);
    if (key === undefined) {
      throw new UsageError(`Unknown setting "${name}".`, {
        hint: `Known settings: ${ASSIGNABLE_KEYS.join(', ')}.`,
      });
    }
    if (specOf(key).secret === true) {
      throw new UsageError('Keys are not set this way.', {
        hint: 'Use apiKeyEnv=VAR or apiKeyCommand="…" (or profile add --store-key, which warns).',
      });
    }
    if (raw.trim() === '') return { key, value: undefined };
    const parsed = parseSettingText(key, raw);
    if (!parsed.ok) throw new ConfigError(`Cannot set ${key} in ${where}: ${key} ${parsed.problem}.`);
    return { key, value: parsed.value };
  });
}

/** Applies assignments to a copy of `target`. Pure. */
export function applyAssignments<T extends PartialSettings>(target: T, assignments: readonly Assignment[]): T {
  const out: Record<string, unknown> = { ...target };
  for (const { key, value } of assignments) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out as T;
}
