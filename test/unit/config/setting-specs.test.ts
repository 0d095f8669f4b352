import { describe, expect, it } from 'vitest';
import { checkSettingValue, parseSettingText, settingKeyFromName } from '../../../src/config/setting-specs.js';
import type { SettingKey } from '../../../src/config/settings.js';

describe('checkSettingValue (stored values)', () => {
  const cases: [SettingKey, unknown, string | undefined][] = [
    ['provider', 'openai', undefined],
    ['provider', 'anthropic', 'must be one of openai, azure-openai, azure-voicelive, gemini, vertex (got "anthropic")'],
    ['vad', 'semantic', undefined],
    ['vad', 'loud', 'must be one of server, semantic, manual (got "loud")'],
    ['vadThreshold', 0.5, undefined],
    ['vadThreshold', 1.5, 'must be a number from 0 to 1 (got 1.5)'],
    ['vadThreshold', '0.5', 'must be a number from 0 to 1 (got "0.5")'],
    ['prefixPaddingMs', 300, undefined],
    ['prefixPaddingMs', 30.5, 'must be a whole number from 0 to 5000 (got 30.5)'],
    ['echoCancellation', 'local', undefined],
    ['echoCancellation', false, 'must be one of auto, local, server, off (got false)'],
    ['echoCancellation', 'no', 'must be one of auto, local, server, off (got "no")'],
    ['noiseSuppression', 'local', undefined],
    ['noiseSuppression', 'server', 'must be one of local, off (got "server")'],
    ['audioBackend', 'pulse', undefined],
    ['audioBackend', 'alsa', 'must be one of auto, portaudio, pulse (got "alsa")'],
    ['endpoint', 'https://example.com/v1', undefined],
    [
      'endpoint',
      'ftp://example.com',
      'must be an http(s):// or ws(s):// URL (or an Azure resource name) (got "ftp://example.com")',
    ],
    ['endpoint', 'has spaces', 'must be an http(s):// or ws(s):// URL (or an Azure resource name) (got "has spaces")'],
    ['apiKeyEnv', 'MY_KEY_1', undefined],
    ['apiKeyEnv', 'my-key', 'must be an environment variable name (letters, digits, _) (got "my-key")'],
    ['model', '', 'must be a non-empty text (got "")'],
    ['apiKey', 42, 'must be a non-empty text (got a value)'],
    ['authStyle', 'query', undefined],
    ['noiseReduction', 'near', 'must be one of near_field, far_field, off (got "near")'],
    ['timeoutSeconds', 0, 'must be a number from 1 to 600 (got 0)'],
  ];
  it.each(cases)('%s = %j', (key, value, problem) => {
    expect(checkSettingValue(key, value)).toBe(problem);
  });
});

describe('parseSettingText (key=value from the command line)', () => {
  const cases: [SettingKey, string, { ok: boolean; value?: unknown }][] = [
    ['speed', '1.2', { ok: true, value: 1.2 }],
    ['speed', 'fast', { ok: false }],
    ['speed', '', { ok: false }],
    ['echoCancellation', 'off', { ok: true, value: 'off' }],
    ['echoCancellation', 'server', { ok: true, value: 'server' }],
    ['echoCancellation', 'yes', { ok: false }],
    ['audioBackend', 'portaudio', { ok: true, value: 'portaudio' }],
    ['vad', 'manual', { ok: true, value: 'manual' }],
    ['maxOutputTokens', '100', { ok: true, value: 100 }],
    ['maxOutputTokens', '1e9', { ok: false }],
  ];
  it.each(cases)('%s=%s', (key, raw, expected) => {
    const parsed = parseSettingText(key, raw);
    expect(parsed.ok).toBe(expected.ok);
    if (parsed.ok) expect(parsed.value).toBe(expected.value);
    else expect(parsed.problem).toContain(`(got "${raw}")`);
  });

  it('never echoes a secret value', () => {
    const parsed = parseSettingText('apiKey', '   ');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain('got a value');
  });
});

describe('settingKeyFromName', () => {
  it.each([
    ['vadThreshold', 'vadThreshold'],
    ['vad-threshold', 'vadThreshold'],
    ['prefix-padding', 'prefixPaddingMs'],
    ['timeout', 'timeoutSeconds'],
    ['--voice', 'voice'],
    ['store-key', undefined],
    ['colour', undefined],
  ])('%s -> %s', (name, key) => {
    expect(settingKeyFromName(name)).toBe(key);
  });
});
