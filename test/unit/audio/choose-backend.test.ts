import { describe, expect, it } from 'vitest';
import {
  chooseBackend,
  parseBackendChoice,
  type AudioBackendChoice,
  type Probe,
} from '../../../src/audio/backend/choose-backend.js';

const OK_PA: Probe = { ok: true, detail: 'naudiodon2 (PortAudio) loads' };
const NO_PA: Probe = { ok: false, reason: 'naudiodon2 is not installed' };
const OK_PULSE: Probe = { ok: true, detail: 'pactl answers (PulseAudio 16.1)' };
const NO_PULSE: Probe = { ok: false, reason: 'pactl is not installed' };
const HINTS = {
  portaudio: 'Install build tools, then run `npm rebuild naudiodon2`.',
  pulse: 'Install pulseaudio-utils.',
};

function run(choice: AudioBackendChoice, pa: Probe, pulse: Probe) {
  const asked: string[] = [];
  const probes = {
    portaudio: () => (asked.push('portaudio'), Promise.resolve(pa)),
    pulse: () => (asked.push('pulse'), Promise.resolve(pulse)),
  };
  return { result: chooseBackend(choice, probes, HINTS), asked };
}

describe('chooseBackend', () => {
  it.each([
    ['auto', OK_PA, OK_PULSE, 'portaudio', /^auto: naudiodon2/, ['portaudio']],
    [
      'auto',
      NO_PA,
      OK_PULSE,
      'pulse',
      /^auto: PortAudio unavailable \(naudiodon2 is not installed\); pactl answers/,
      ['portaudio', 'pulse'],
    ],
    ['portaudio', OK_PA, NO_PULSE, 'portaudio', /^chosen \(--audio-backend portaudio\)/, ['portaudio']],
    ['pulse', OK_PA, OK_PULSE, 'pulse', /^chosen \(--audio-backend pulse\)/, ['pulse']],
  ] as const)('%s with portaudio %o and pulse %o -> %s', async (choice, pa, pulse, backend, reason, asked) => {
    const r = run(choice, pa, pulse);
    const resolved = await r.result;
    expect(resolved.backend).toBe(backend);
    expect(resolved.reason).toMatch(reason);
    expect(r.asked).toEqual(asked);
  });

  it('auto with neither says what failed and what to install (exit 69)', async () => {
    await expect(run('auto', NO_PA, NO_PULSE).result).rejects.toMatchObject({
      exitCode: 69,
      message: expect.stringMatching(
        /PortAudio \(naudiodon2 is not installed\); PulseAudio\/PipeWire \(pactl is not installed\)/,
      ),
      hint: expect.stringMatching(/npm rebuild naudiodon2.*pulseaudio-utils/),
    });
  });

  it('an explicit backend that does not work fails with its own hint', async () => {
    await expect(run('portaudio', NO_PA, OK_PULSE).result).rejects.toMatchObject({
      hint: expect.stringContaining('--audio-backend pulse'),
    });
    await expect(run('pulse', OK_PA, NO_PULSE).result).rejects.toMatchObject({ hint: 'Install pulseaudio-utils.' });
  });

  it('parses the flag/config value and lists the valid ones otherwise', () => {
    expect(parseBackendChoice(' Pulse ')).toBe('pulse');
    expect(() => parseBackendChoice('alsa')).toThrow(/Unknown audio backend "alsa"/);
  });
});
