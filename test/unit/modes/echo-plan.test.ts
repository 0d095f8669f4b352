import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { echoLabel, echoPlan, type EchoPlanInput } from '../../../src/modes/echo-plan.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';

const voiceLive = PROVIDER_CATALOGUE.get('azure-voicelive');
const openai = PROVIDER_CATALOGUE.get('openai');
const base: EchoPlanInput = {
  echoCancellation: 'auto',
  noiseSuppression: 'off',
  vad: 'server',
  provider: openai,
  devices: true,
};

describe('echoPlan', () => {
  it('the catalogue says who cancels echo on the server: Voice Live only', () => {
    expect(PROVIDER_CATALOGUE.entries.filter((e) => e.serverEchoCancellation).map((e) => e.id)).toEqual([
      'azure-voicelive',
    ]);
  });

  it.each([
    ['auto on Voice Live: the server', { provider: voiceLive }, true, undefined],
    ['auto with push-to-talk on Voice Live: local', { provider: voiceLive, vad: 'manual' }, false, 'local'],
    ['auto elsewhere: local', {}, false, 'local'],
    ['unset is auto', { echoCancellation: undefined }, false, 'local'],
    ['local on Voice Live: local, server off', { provider: voiceLive, echoCancellation: 'local' }, false, 'local'],
    [
      'server on Voice Live, even with push-to-talk',
      { provider: voiceLive, echoCancellation: 'server', vad: 'manual' },
      true,
      undefined,
    ],
    ['off: nothing anywhere', { provider: voiceLive, echoCancellation: 'off' }, false, undefined],
    ['files as devices: nothing local', { devices: false }, false, undefined],
    ['noise suppression alone', { echoCancellation: 'off', noiseSuppression: 'local' }, false, 'off'],
  ] as const)('%s', (_name, over, server, engineMode) => {
    const plan = echoPlan({ ...base, ...over });
    expect(plan.server).toBe(server);
    expect(plan.engine?.mode).toBe(engineMode);
  });

  it('passes noise suppression to the engine with local', () => {
    expect(echoPlan({ ...base, echoCancellation: 'local', noiseSuppression: 'local' }).engine).toEqual({
      mode: 'local',
      noiseSuppression: true,
    });
  });

  it('refuses server echo cancellation where the provider has none, and says what to use', () => {
    expect(() => echoPlan({ ...base, echoCancellation: 'server' })).toThrow(ConfigError);
    expect(() => echoPlan({ ...base, echoCancellation: 'server' })).toThrow(
      'OpenAI Realtime has no server echo cancellation.',
    );
  });

  it('labels what runs: the engine status wins, else server or off', () => {
    const local = echoPlan(base);
    expect(echoLabel(local, { echo: 'aec3', noiseSuppression: false })).toBe('local');
    expect(echoLabel(local, { echo: 'gate', noiseSuppression: false, degradedReason: 'x' })).toBe('gate');
    expect(echoLabel(echoPlan({ ...base, provider: voiceLive }), undefined)).toBe('server');
    expect(echoLabel(echoPlan({ ...base, echoCancellation: 'off' }), undefined)).toBe('off');
  });
});
