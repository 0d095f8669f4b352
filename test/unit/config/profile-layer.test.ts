import { describe, expect, it } from 'vitest';
import { configDir } from '../../../src/config/config-dir.js';
import { profileLayer, providerKeyProblem, validateProfile } from '../../../src/config/profile-layer.js';
import { ConfigError } from '../../../src/core/errors.js';
import { PROVIDER_CATALOGUE as C } from '../../../src/providers/registry.js';

describe('profileLayer', () => {
  it('fills endpoint and auth from a gateway, noting where they came from', () => {
    const layer = profileLayer(C, 'tf', {
      provider: 'gemini',
      gateway: { preset: 'truefoundry', url: 'https://cp.example.com', account: 'google' },
    });
    expect(layer.settings).toEqual({
      provider: 'gemini',
      endpoint: 'https://cp.example.com/api/llm/live/google',
      authStyle: 'bearer',
    });
    expect(layer.details?.endpoint).toBe('tf, gateway truefoundry (google)');
  });

  it('a typed-in endpoint wins over the gateway', () => {
    const layer = profileLayer(C, 'tf', {
      provider: 'openai',
      endpoint: 'https://mine.example.com',
      gateway: { preset: 'custom', url: 'https://gw.example.com', authStyle: 'api-key' },
    });
    expect(layer.settings).toMatchObject({ endpoint: 'https://mine.example.com', authStyle: 'api-key' });
    expect(layer.details?.endpoint).toBeUndefined();
  });
});

describe('provider schema', () => {
  it.each([
    ['openai', { project: 'p' }, 'project applies to vertex only (this profile uses openai)'],
    ['vertex', { project: 'p', location: 'us-central1' }, undefined],
    [
      'gemini',
      { deployment: 'd' },
      'deployment applies to azure-openai, azure-voicelive only (this profile uses gemini)',
    ],
    ['azure-openai', { deployment: 'd' }, undefined],
  ] as const)('%s %j', (provider, settings, problem) => {
    expect(providerKeyProblem(C, provider, settings)).toBe(problem);
  });

  it.each([
    [{ provider: 'openai', temperature: 0.7 }, 'temperature'],
    [{ provider: 'openai', authStyle: 'query' }, 'query'],
    [{ provider: 'openai', eagerness: 'high' }, 'eagerness'],
    [{ provider: 'openai', project: 'p' }, 'project applies to vertex only'],
  ] as const)('refuses %j naming the profile and the file', (settings, words) => {
    const run = (): void => validateProfile(C, profileLayer(C, 'work', settings), '/c/config.json');
    expect(run).toThrow(ConfigError);
    expect(run).toThrow('Profile "work" in /c/config.json');
    expect(run).toThrow(words);
  });

  it('accepts a good profile and one without a provider', () => {
    expect(() =>
      validateProfile(
        C,
        profileLayer(C, 'w', { provider: 'openai', voice: 'cedar', vad: 'semantic', eagerness: 'low' }),
        '/c',
      ),
    ).not.toThrow();
    expect(() => validateProfile(C, profileLayer(C, 'w', { inputDevice: 'USB' }), '/c')).not.toThrow();
  });
});

describe('configDir', () => {
  it.each([
    [{ VOICECHAT_CONFIG_DIR: '/tmp/vc' }, 'linux', '/tmp/vc'],
    [{}, 'linux', '/home/u/.config/voicechat'],
    [{ XDG_CONFIG_HOME: '/x' }, 'linux', '/x/voicechat'],
    [{}, 'darwin', '/home/u/Library/Preferences/voicechat'],
  ] as const)('%j on %s', (env, platform, dir) => {
    expect(configDir(env, platform, '/home/u')).toBe(dir);
  });
});

describe('requirements a bare profile misses too are left to the run', () => {
  it('an Azure profile without an endpoint is fine (it may come from AZURE_OPENAI_ENDPOINT)', () => {
    expect(() =>
      validateProfile(C, profileLayer(C, 'az', { provider: 'azure-openai', apiKeyEnv: 'K' }), '/c'),
    ).not.toThrow();
  });
  it('but a bad value in it is still refused', () => {
    expect(() =>
      validateProfile(
        C,
        profileLayer(C, 'az', {
          provider: 'azure-openai',
          endpoint: 'https://r.openai.azure.com',
          echoCancellation: 'server',
        }),
        '/c',
      ),
    ).toThrow('Profile "az" in /c: Azure OpenAI Realtime has no server echo cancellation.');
  });
});
