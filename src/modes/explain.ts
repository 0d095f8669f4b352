import type { LoadedSettings } from '../config/load-settings.js';
import { formatSettingRows, settingRows } from '../config/setting-rows.js';

/** The resolved settings with the origin of each; secrets are shown as set/unset only. */
export function formatExplain(loaded: LoadedSettings, json: boolean): string {
  const rows = settingRows(loaded);
  if (json) {
    return `${JSON.stringify({ profile: loaded.profileName ?? null, config: loaded.configPath, settings: rows })}\n`;
  }
  const head = [`config file: ${loaded.configPath}`, `profile: ${loaded.profileName ?? '(none)'}`];
  if (loaded.notice !== undefined) head.push(loaded.notice);
  return `${head.join('\n')}\n${formatSettingRows(rows)}\n`;
}
