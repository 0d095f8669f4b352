import { describe, expect, it } from 'vitest';
import { AudioDeviceError } from '../../../src/core/errors.js';
import { resolveDevice, type DeviceInfo } from '../../../src/audio/devices.js';
import { audioInstallHint } from '../../../src/audio/install-hint.js';

const dev = (
  id: number,
  name: string,
  input: number,
  output: number,
  defaults: Partial<DeviceInfo> = {},
): DeviceInfo => ({
  id,
  name,
  maxInputChannels: input,
  maxOutputChannels: output,
  defaultSampleRate: 48000,
  hostApi: 'ALSA',
  isDefaultInput: false,
  isDefaultOutput: false,
  ...defaults,
});

const list = [
  dev(0, 'vc_speaker', 0, 2),
  dev(1, 'vc_monitor', 1, 0),
  dev(2, 'vc_mic', 1, 0, { isDefaultInput: true }),
  dev(3, 'USB Headset Mic', 1, 0),
  dev(4, 'default', 2, 2, { isDefaultOutput: true }),
];

describe('resolveDevice', () => {
  it('finds by id', () => expect(resolveDevice(list, '3', 'input').name).toBe('USB Headset Mic'));
  it('finds by case-insensitive substring', () => expect(resolveDevice(list, 'headset', 'input').id).toBe(3));
  it('prefers an exact name over substrings', () => expect(resolveDevice(list, 'vc_mic', 'input').id).toBe(2));
  it('picks the default when nothing is asked', () => {
    expect(resolveDevice(list, undefined, 'input').id).toBe(2);
    expect(resolveDevice(list, '', 'output').id).toBe(4);
  });
  it('only considers devices of the direction', () => {
    expect(() => resolveDevice(list, 'vc_speaker', 'input')).toThrow(AudioDeviceError);
  });
  it('rejects an unknown device listing the valid names, exit 69', () => {
    try {
      resolveDevice(list, 'nope', 'output');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AudioDeviceError);
      const e = error as AudioDeviceError;
      expect(e.exitCode).toBe(69);
      expect(e.hint).toContain('vc_speaker');
      expect(e.hint).toContain('default');
    }
  });
  it('rejects an ambiguous substring', () => expect(() => resolveDevice(list, 'vc_m', 'input')).toThrow(/ambiguous/));
  it('rejects an empty list', () =>
    expect(() => resolveDevice([], undefined, 'input')).toThrow(/No input audio devices/));
});

describe('audioInstallHint', () => {
  it('names the platform prerequisites', () => {
    expect(audioInstallHint('linux')).toMatch(/libasound2/);
    expect(audioInstallHint('linux')).toMatch(/pulseaudio-utils.*--audio-backend pulse/);
    expect(audioInstallHint('darwin')).toMatch(/Xcode/);
    expect(audioInstallHint('win32')).toMatch(/Build Tools/);
  });
});
