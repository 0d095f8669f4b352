import type { Settings, SettingKey } from './setting-specs.js';

export type { Settings, SettingKey } from './setting-specs.js';

/** How credentials are presented to an endpoint. */
export type AuthStyle = Settings['authStyle'];

export type PartialSettings = Partial<Settings>;

/** Where a resolved value came from, lowest precedence first ('config' = global settings file). */
export type Origin = 'default' | 'config' | 'profile' | 'env' | 'flag';

export interface ResolvedSettings {
  values: PartialSettings & Pick<Settings, 'provider' | 'model' | 'vad' | 'timeoutSeconds'>;
  origins: Partial<Record<SettingKey, { origin: Origin; detail?: string }>>;
}
