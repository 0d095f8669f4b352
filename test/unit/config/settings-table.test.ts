import { describe, expect, it } from 'vitest';
import { GLOBAL_DEFAULTS } from '../../../src/config/defaults.js';
import {
  ASSIGNABLE_KEYS,
  checkSettingValue,
  flagOf,
  GENERIC_ENV,
  SETTING_KEYS,
  specOf,
  storableIn,
} from '../../../src/config/setting-specs.js';

describe('the settings table, the one declaration of every setting', () => {
  it('derives the global defaults and the VOICECHAT_* variables', () => {
    expect(GLOBAL_DEFAULTS).toEqual({
      vad: 'server',
      timeoutSeconds: 15,
      echoCancellation: 'auto',
      noiseSuppression: 'off',
      audioBackend: 'auto',
    });
    expect(GENERIC_ENV).toEqual({
      provider: 'VOICECHAT_PROVIDER',
      model: 'VOICECHAT_MODEL',
      voice: 'VOICECHAT_VOICE',
      inputDevice: 'VOICECHAT_INPUT_DEVICE',
      outputDevice: 'VOICECHAT_OUTPUT_DEVICE',
      proxy: 'VOICECHAT_PROXY',
    });
  });

  it('every default is a valid value of its own setting', () => {
    for (const key of SETTING_KEYS) {
      const value = specOf(key).default;
      if (value !== undefined) expect(checkSettingValue(key, value), key).toBeUndefined();
    }
  });

  it('flags and their short forms are unique', () => {
    const longs = SETTING_KEYS.flatMap((k) => flagOf(k)?.long ?? []);
    const shorts = SETTING_KEYS.flatMap((k) => flagOf(k)?.short ?? []);
    expect(new Set(longs).size).toBe(longs.length);
    expect(new Set(shorts).size).toBe(shorts.length);
  });

  it('the stored key: a profile may hold it, the global settings may not, and nobody assigns it', () => {
    expect(storableIn('apiKey', 'profile')).toBe(true);
    expect(storableIn('apiKey', 'config')).toBe(false);
    expect(ASSIGNABLE_KEYS).not.toContain('apiKey');
    expect(flagOf('apiKey')).toBeUndefined();
  });
});
