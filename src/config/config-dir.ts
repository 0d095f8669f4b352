import { join } from 'node:path';

/**
 * Where the config lives: `VOICECHAT_CONFIG_DIR`, else the platform's config directory (the same
 * places conf/env-paths use, without the "-nodejs" suffix). Pure.
 */
export function configDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const override = env['VOICECHAT_CONFIG_DIR'];
  if (override !== undefined && override.trim() !== '') return override;
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'voicechat', 'Config');
  if (platform === 'darwin') return join(home, 'Library', 'Preferences', 'voicechat');
  const xdg = env['XDG_CONFIG_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(home, '.config'), 'voicechat');
}

export const CONFIG_FILE_NAME = 'config.json';

/** The config file of this environment. */
export function configFilePath(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  return join(configDir(env, platform, home), CONFIG_FILE_NAME);
}
