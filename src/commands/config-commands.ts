import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { applyAssignments, parseAssignments } from '../config/assignments.js';
import { configPathFor, readConfig, updateConfig } from '../config/config-store.js';
import { settingKeyFromName } from '../config/setting-specs.js';
import type { SettingKey } from '../config/settings.js';
import { formatTable } from './format-table.js';
import { isJson, printJson, printText } from './output.js';

/** `voicechat config path`. */
export function runConfigPath(): ExitCodeValue {
  printText(configPathFor(process.env));
  return ExitCode.ok;
}

/** `voicechat config get [KEY]`: one global setting (exit 1 when unset), or all. */
export async function runConfigGet(name: string | undefined, options: Record<string, unknown>): Promise<ExitCodeValue> {
  const config = await readConfig(process.env);
  const settings = config.data.settings ?? {};
  if (name === undefined) {
    if (isJson(options)) {
      printJson({ file: config.path, defaultProfile: config.data.defaultProfile ?? null, settings });
      return ExitCode.ok;
    }
    const rows = (Object.keys(settings) as SettingKey[]).sort().map((key) => [key, JSON.stringify(settings[key])]);
    const lines = [`file: ${config.path}`, `defaultProfile: ${config.data.defaultProfile ?? '(none)'}`];
    printText(
      rows.length === 0 ? `${lines.join('\n')}\n(no global settings)` : `${lines.join('\n')}\n${formatTable(rows)}`,
    );
    return ExitCode.ok;
  }
  const key = name === 'defaultProfile' ? undefined : settingKeyFromName(name);
  const value = name === 'defaultProfile' ? config.data.defaultProfile : key === undefined ? undefined : settings[key];
  if (key === undefined && name !== 'defaultProfile') throw new UsageError(`Unknown setting "${name}".`);
  if (isJson(options)) {
    printJson({ key: key ?? name, value: value ?? null });
    return ExitCode.ok;
  }
  if (value === undefined) return ExitCode.unexpected;
  printText(typeof value === 'object' ? JSON.stringify(value) : String(value));
  return ExitCode.ok;
}

/** `voicechat config set KEY=VALUE…` (KEY= removes). */
export async function runConfigSet(assignments: string[]): Promise<ExitCodeValue> {
  const path = configPathFor(process.env);
  const parsed = parseAssignments(assignments, `the global settings (${path})`);
  const saved = await updateConfig(process.env, (data) => ({
    ...data,
    settings: applyAssignments(data.settings ?? {}, parsed),
  }));
  printText(`Updated ${parsed.map((a) => a.key).join(', ')} in ${saved.path}.`);
  return ExitCode.ok;
}
