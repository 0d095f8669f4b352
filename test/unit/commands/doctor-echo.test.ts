import { describe, expect, it } from 'vitest';
import { echoChecks } from '../../../src/commands/doctor-echo.js';
import { backendDetail } from '../../../src/commands/doctor-audio.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';

describe('doctor: echo cancellation and backend lines', () => {
  it('library found: names the platform binary, and what auto does per provider', () => {
    const [local, auto] = echoChecks(
      { ok: true, binaryPackage: '@livekit/rtc-ffi-bindings-darwin-arm64' },
      PROVIDER_CATALOGUE,
    );
    expect(local).toEqual({
      name: 'echo cancellation',
      status: 'ok',
      detail: 'local: WebRTC AEC3 loads (@livekit/rtc-ffi-bindings-darwin-arm64)',
    });
    expect(auto?.detail).toBe('server on Azure AI Voice Live; local (AEC3) on the others');
  });

  it('library missing: the echo gate, why, and which binary would have been needed; not a failure', () => {
    const [local, auto] = echoChecks(
      { ok: false, reason: 'not installed', binaryPackage: '@livekit/rtc-ffi-bindings-linux-arm64-gnu' },
      PROVIDER_CATALOGUE,
    );
    expect(local?.status).toBe('ok');
    expect(local?.detail).toContain('the echo gate (WebRTC AEC3 unavailable: not installed');
    expect(local?.detail).toContain('platform binary @livekit/rtc-ffi-bindings-linux-arm64-gnu');
    expect(auto?.detail).toContain('the echo gate on the others');
  });

  it('the backend line says which and why', () => {
    expect(backendDetail({ backend: 'pulse', reason: 'chosen (--audio-backend pulse); pactl answers (x)' })).toBe(
      'pulse (chosen (--audio-backend pulse); pactl answers (x))',
    );
  });
});
