import { describe, expect, it } from 'vitest';
import { credentialStatus, describeCredentialStatus } from '../../../src/config/credential-status.js';
import { providerStatuses } from '../../../src/config/provider-status.js';
import { discoverCredential, discoveryNotice, nothingConfiguredError } from '../../../src/config/setup-hint.js';
import type { ProviderId } from '../../../src/core/session.js';

const d = (id: ProviderId, label: string, keyEnv: string[], keyOptional = false) => ({
  id,
  label,
  keyEnv,
  keyOptional,
});
const DESCRIPTORS = [
  d('openai', 'OpenAI Realtime', ['OPENAI_API_KEY']),
  d('gemini', 'Gemini Live', ['GEMINI_API_KEY', 'GOOGLE_API_KEY']),
  d('azure-openai', 'Azure OpenAI Realtime', ['AZURE_OPENAI_API_KEY']),
  d('azure-voicelive', 'Azure AI Voice Live', ['AZURE_VOICELIVE_API_KEY']),
  d('vertex', 'Vertex AI Live', [], true),
];

describe('discoverCredential: first provider with a key, in discovery order', () => {
  it.each([
    [{}, undefined],
    [{ OPENAI_API_KEY: 'x' }, { provider: 'openai', variable: 'OPENAI_API_KEY' }],
    [
      { GOOGLE_API_KEY: 'g', AZURE_OPENAI_API_KEY: 'a' },
      { provider: 'gemini', variable: 'GOOGLE_API_KEY' },
    ],
    [
      { AZURE_OPENAI_API_KEY: 'a', OPENAI_API_KEY: ' ' },
      { provider: 'azure-openai', variable: 'AZURE_OPENAI_API_KEY' },
    ],
    [{ AZURE_VOICELIVE_API_KEY: 'v' }, { provider: 'azure-voicelive', variable: 'AZURE_VOICELIVE_API_KEY' }],
    [
      { OPENAI_API_KEY: 'o', GEMINI_API_KEY: 'g' },
      { provider: 'openai', variable: 'OPENAI_API_KEY' },
    ],
  ])('%j', (env, expected) => {
    expect(discoverCredential(DESCRIPTORS, env)).toEqual(expected);
  });

  it('says which provider was picked', () => {
    expect(discoveryNotice('Gemini Live', 'GEMINI_API_KEY')).toMatch(/^using Gemini Live \(found GEMINI_API_KEY\)/);
  });
});

describe('nothingConfiguredError', () => {
  it('explains in a few lines how to set a key or create a profile (exit 78)', () => {
    const error = nothingConfiguredError(DESCRIPTORS);
    expect(error.exitCode).toBe(78);
    const hint = error.hint ?? '';
    expect(hint).toContain('export OPENAI_API_KEY=…');
    expect(hint).toContain('export AZURE_OPENAI_API_KEY=…');
    expect(hint).toContain('voicechat profile add');
    expect(hint.split('\n').length).toBeLessThanOrEqual(12);
  });
});

describe('credentialStatus mirrors resolveCredential', () => {
  const keyEnv = ['OPENAI_API_KEY'];
  it.each([
    [{ apiKeyEnv: 'MY' }, { MY: 'k' }, { kind: 'env', variable: 'MY', present: true }, 'from $MY (set)'],
    [
      { apiKeyEnv: 'MY' },
      { OPENAI_API_KEY: 'k' },
      { kind: 'env', variable: 'MY', present: false },
      'from $MY (NOT SET)',
    ],
    [{ apiKeyCommand: 'pass x' }, {}, { kind: 'command' }, 'from apiKeyCommand (run when needed)'],
    [{ apiKey: 'sk-stored' }, {}, { kind: 'stored' }, 'stored in the profile (--store-key)'],
    [
      {},
      { OPENAI_API_KEY: 'k' },
      { kind: 'env', variable: 'OPENAI_API_KEY', present: true },
      'from $OPENAI_API_KEY (set)',
    ],
    [{}, {}, { kind: 'none', variables: keyEnv }, 'none: set OPENAI_API_KEY'],
  ])('%j with %j', (settings, env, status, words) => {
    const out = credentialStatus(settings, keyEnv, env);
    expect(out).toEqual(status);
    expect(describeCredentialStatus(out)).toBe(words);
  });
});

describe('providerStatuses', () => {
  it('marks configured providers, how, and the one a plain run uses', () => {
    const out = providerStatuses(
      DESCRIPTORS,
      { profiles: { work: { provider: 'azure-openai' }, g: { provider: 'gemini' } } },
      { GEMINI_API_KEY: 'g' },
    );
    const byId = Object.fromEntries(out.map((s) => [s.id, s]));
    expect(byId['openai']).toMatchObject({ configured: false, via: [], isDefault: false });
    expect(byId['gemini']).toMatchObject({ configured: true, via: ['GEMINI_API_KEY', 'profile g'], isDefault: true });
    expect(byId['azure-openai']).toMatchObject({ configured: true, via: ['profile work'] });
  });

  it('the default profile decides the default provider', () => {
    const out = providerStatuses(
      DESCRIPTORS,
      { defaultProfile: 'w', profiles: { w: { provider: 'vertex' } } },
      { OPENAI_API_KEY: 'k' },
    );
    expect(out.filter((s) => s.isDefault).map((s) => s.id)).toEqual(['vertex']);
  });
});
