import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../../src/audio/devices.js';
import { formatDevices, groupDevices } from '../../../src/commands/devices.js';
import '../../../src/audio/engine.js';

const dev = (
  id: number,
  name: string,
  input: number,
  output: number,
  isDefaultInput = false,
  isDefaultOutput = false,
): DeviceInfo => ({
  id,
  name,
  maxInputChannels: input,
  maxOutputChannels: output,
  defaultSampleRate: 44100,
  hostApi: 'ALSA',
  isDefaultInput,
  isDefaultOutput,
});

describe('devices command', () => {
  const list = [dev(0, 'vc_speaker', 0, 2), dev(1, 'vc_mic', 1, 0), dev(2, 'default', 2, 2, true, true)];

  it('groups by direction with defaults first', () => {
    const grouped = groupDevices(list);
    expect(grouped.input.map((d) => d.name)).toEqual(['default', 'vc_mic']);
    expect(grouped.output.map((d) => d.name)).toEqual(['default', 'vc_speaker']);
  });

  it('formats a readable table with default marks', () => {
    const backend = { backend: 'pulse' as const, reason: 'auto: PortAudio unavailable (x); pactl answers (y)' };
    const text = formatDevices({ backend, ...groupDevices(list) });
    expect(text.split('\n')[0]).toBe('Audio backend: pulse (auto: PortAudio unavailable (x); pactl answers (y))');
    expect(text).toMatch(/Input devices:\n {2}\* {2}2 {2}default/);
    expect(text).toContain('vc_speaker  (2 ch, 44100 Hz, ALSA)');
  });

  it('importing the engine and the command never loads naudiodon', () => {
    const require = createRequire(import.meta.url);
    expect(Object.keys(require.cache).some((path) => path.includes('naudiodon'))).toBe(false);
  });
});
