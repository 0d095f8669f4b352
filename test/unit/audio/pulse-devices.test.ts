import { describe, expect, it } from 'vitest';
import { pacatArgs, parecArgs } from '../../../src/audio/backend/pulse-commands.js';
import {
  parsePulseDefaults,
  parsePulseDevices,
  parsePulseServerName,
} from '../../../src/audio/backend/pulse-devices.js';
import { resolveDevice } from '../../../src/audio/devices.js';

// `pactl list short sinks|sources` and `pactl info` as PulseAudio 16 prints them for test/audio/vc.pa
const SINKS =
  '0\tvc_out\tmodule-null-sink.c\ts16le 1ch 48000Hz\tRUNNING\n1\tvc_mic_bus\tmodule-null-sink.c\ts16le 1ch 48000Hz\tIDLE\n';
const SOURCES =
  '0\tvc_out.monitor\tmodule-null-sink.c\ts16le 1ch 48000Hz\tIDLE\n2\tvc_mic\tmodule-remap-source.c\ts16le 1ch 48000Hz\tIDLE\n4\talsa_input.pci\tmodule-alsa-card.c\ts32le 2ch 44100Hz\tSUSPENDED\n';
const INFO =
  'Server String: /run/user/0/pulse/native\nServer Name: PulseAudio (on PipeWire 1.0.5)\nDefault Sink: vc_out\nDefault Source: vc_mic\n';

describe('pulse device list', () => {
  const devices = parsePulseDevices(SINKS, SOURCES, parsePulseDefaults(INFO));

  it('sinks are outputs, sources inputs, with their channels and rates', () => {
    expect(devices.map((d) => [d.name, d.maxInputChannels, d.maxOutputChannels, d.defaultSampleRate])).toEqual([
      ['vc_out', 0, 1, 48000],
      ['vc_mic_bus', 0, 1, 48000],
      ['vc_out.monitor', 1, 0, 48000],
      ['vc_mic', 1, 0, 48000],
      ['alsa_input.pci', 2, 0, 44100],
    ]);
  });

  it('ids are unique across sinks and sources, so an id picks one device', () => {
    const ids = devices.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resolveDevice(devices, '1002', 'input').name).toBe('vc_mic');
  });

  it('marks the server defaults, which resolveDevice picks when no device is given', () => {
    expect(resolveDevice(devices, undefined, 'output').name).toBe('vc_out');
    expect(resolveDevice(devices, undefined, 'input').name).toBe('vc_mic');
  });

  it('ignores blank and foreign lines, and reads the server name', () => {
    expect(parsePulseDevices('\nnot a line\n', '', { sink: undefined, source: undefined })).toEqual([]);
    expect(parsePulseServerName(INFO)).toBe('PulseAudio (on PipeWire 1.0.5)');
    expect(parsePulseDefaults('')).toEqual({ sink: undefined, source: undefined });
  });
});

describe('pacat/parec command lines', () => {
  const spec = {
    device: 'vc_out',
    sampleRate: 24000,
    latencyMs: 40,
    processTimeMs: 10,
    streamName: 'voicechat playback',
  };

  it('raw mono PCM16 at the session rate with explicit low-latency buffers', () => {
    expect(pacatArgs(spec)).toEqual([
      '--playback',
      '--raw',
      '--format=s16le',
      '--rate=24000',
      '--channels=1',
      '--latency-msec=40',
      '--process-time-msec=10',
      '--client-name=voicechat',
      '--stream-name=voicechat playback',
      '--device=vc_out',
    ]);
    // the player asks for the stream time on stderr (its real output clock)
    expect(pacatArgs({ ...spec, verbose: true }).slice(0, 2)).toEqual(['--playback', '--verbose']);
    expect(parecArgs({ ...spec, device: undefined })[0]).toBe('--record');
    expect(parecArgs({ ...spec, device: undefined }).some((a) => a.startsWith('--device'))).toBe(false);
  });
});
