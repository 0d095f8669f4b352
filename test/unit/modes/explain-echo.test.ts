import { describe, expect, it } from 'vitest';
import { echoPlan } from '../../../src/modes/echo-plan.js';
import { echoExplainLine } from '../../../src/modes/explain.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';

const input = {
  echoCancellation: 'auto',
  noiseSuppression: 'off',
  vad: 'server',
  provider: PROVIDER_CATALOGUE.get('gemini'),
  devices: true,
} as const;

describe('the --explain echo line', () => {
  it('local with the library: names the platform binary', () => {
    const line = echoExplainLine({
      plan: echoPlan(input),
      library: { ok: true, binaryPackage: '@livekit/rtc-ffi-bindings-linux-x64-gnu' },
    });
    expect(line).toBe(
      'echo: local: Gemini Live has no server echo cancellation; WebRTC AEC3 loads (@livekit/rtc-ffi-bindings-linux-x64-gnu)',
    );
  });

  it('local without the library: says the echo gate runs and why', () => {
    const line = echoExplainLine({
      plan: echoPlan({ ...input, noiseSuppression: 'local' }),
      library: { ok: false, reason: 'not installed' },
    });
    expect(line).toContain('WebRTC AEC3 unavailable (not installed): the echo gate runs instead');
    expect(line).toContain('noise suppression: local');
  });

  it('server and refused settings', () => {
    const vl = PROVIDER_CATALOGUE.get('azure-voicelive');
    expect(echoExplainLine({ plan: echoPlan({ ...input, provider: vl }), library: { ok: false, reason: 'x' } })).toBe(
      'echo: server: Azure AI Voice Live cancels echo itself',
    );
    expect(echoExplainLine({ problem: 'Gemini Live has no server echo cancellation.' })).toBe(
      'echo: Gemini Live has no server echo cancellation.',
    );
  });
});
