import { describe, expect, it } from 'vitest';
import { resolveSettings, type ResolutionInput } from '../../../src/config/resolve.js';
import type { PartialSettings } from '../../../src/config/settings.js';

const providerDefaults = (id: string): PartialSettings =>
  id === 'gemini' ? { model: 'gemini-live', voice: 'Puck' } : { model: 'gpt-realtime', voice: 'marin' };

function input(layers: Partial<ResolutionInput>): ResolutionInput {
  return {
    defaults: { vad: 'server', timeoutSeconds: 15 },
    providerDefaults,
    env: { settings: {}, names: {} },
    flags: {},
    fallbackProvider: 'openai',
    ...layers,
  };
}

const profile = (settings: PartialSettings, details?: Record<string, string>) => ({ name: 'work', settings, details });
const config = (settings: PartialSettings) => ({ path: '/cfg/config.json', settings });
const env = (settings: PartialSettings, names: Record<string, string>) => ({ settings, names });

describe('resolveSettings: defaults < config < profile < environment < flags', () => {
  const cases: {
    name: string;
    layers: Partial<ResolutionInput>;
    key: keyof PartialSettings;
    value: unknown;
    origin: string;
    detail?: string;
  }[] = [
    { name: 'default only', layers: {}, key: 'vad', value: 'server', origin: 'default' },
    { name: 'provider default', layers: {}, key: 'voice', value: 'marin', origin: 'default', detail: 'openai' },
    {
      name: 'config beats default',
      layers: { config: config({ vad: 'semantic' }) },
      key: 'vad',
      value: 'semantic',
      origin: 'config',
      detail: '/cfg/config.json',
    },
    {
      name: 'profile beats config',
      layers: { config: config({ voice: 'ash' }), profile: profile({ voice: 'cedar' }) },
      key: 'voice',
      value: 'cedar',
      origin: 'profile',
      detail: 'work',
    },
    {
      name: 'env beats profile',
      layers: { profile: profile({ model: 'p' }), env: env({ model: 'e' }, { model: 'VOICECHAT_MODEL' }) },
      key: 'model',
      value: 'e',
      origin: 'env',
      detail: 'VOICECHAT_MODEL',
    },
    {
      name: 'flag beats env',
      layers: { env: env({ model: 'e' }, { model: 'VOICECHAT_MODEL' }), flags: { model: 'f' } },
      key: 'model',
      value: 'f',
      origin: 'flag',
    },
    {
      name: 'flag beats everything',
      layers: {
        config: config({ timeoutSeconds: 30 }),
        profile: profile({ timeoutSeconds: 40 }),
        flags: { timeoutSeconds: 50 },
      },
      key: 'timeoutSeconds',
      value: 50,
      origin: 'flag',
    },
    {
      name: 'profile detail per key (gateway)',
      layers: { profile: profile({ endpoint: 'https://gw/live/a' }, { endpoint: 'work, gateway truefoundry (a)' }) },
      key: 'endpoint',
      value: 'https://gw/live/a',
      origin: 'profile',
      detail: 'work, gateway truefoundry (a)',
    },
    {
      name: 'lower layer kept when upper is silent',
      layers: { profile: profile({ voice: 'cedar' }), flags: { model: 'x' } },
      key: 'voice',
      value: 'cedar',
      origin: 'profile',
      detail: 'work',
    },
  ];
  it.each(cases)('$name', ({ layers, key, value, origin, detail }) => {
    const out = resolveSettings(input(layers));
    expect(out.values[key]).toEqual(value);
    expect(out.origins[key]).toEqual(detail === undefined ? { origin } : { origin, detail });
  });
});

describe('resolveSettings: the provider is settled first and picks the defaults', () => {
  const cases: { name: string; layers: Partial<ResolutionInput>; provider: string; voice: string }[] = [
    { name: 'fallback', layers: {}, provider: 'openai', voice: 'marin' },
    { name: 'fallback gemini (discovered)', layers: { fallbackProvider: 'gemini' }, provider: 'gemini', voice: 'Puck' },
    { name: 'config provider', layers: { config: config({ provider: 'gemini' }) }, provider: 'gemini', voice: 'Puck' },
    {
      name: 'profile provider',
      layers: { profile: profile({ provider: 'gemini' }) },
      provider: 'gemini',
      voice: 'Puck',
    },
    {
      name: 'env beats profile provider',
      layers: {
        profile: profile({ provider: 'gemini' }),
        env: env({ provider: 'openai' }, { provider: 'VOICECHAT_PROVIDER' }),
      },
      provider: 'openai',
      voice: 'marin',
    },
    {
      name: 'flag beats env provider',
      layers: { env: env({ provider: 'openai' }, {}), flags: { provider: 'gemini' } },
      provider: 'gemini',
      voice: 'Puck',
    },
  ];
  it.each(cases)('$name', ({ layers, provider, voice }) => {
    const out = resolveSettings(input(layers));
    expect(out.values.provider).toBe(provider);
    expect(out.values.voice).toBe(voice);
  });

  it('fills required values even with empty layers', () => {
    const out = resolveSettings({ ...input({}), defaults: {}, providerDefaults: () => ({}) });
    expect(out.values).toMatchObject({ provider: 'openai', model: '', vad: 'server', timeoutSeconds: 15 });
    expect(out.origins.provider).toEqual({ origin: 'default' });
  });
});
