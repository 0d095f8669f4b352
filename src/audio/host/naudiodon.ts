import { createRequire } from 'node:module';
import type { DeviceInfo } from './protocol.js';

/** The slice of naudiodon the hosts use. Only host processes may load this module. */
export interface PaDevice {
  id: number;
  name: string;
  maxInputChannels: number;
  maxOutputChannels: number;
  defaultSampleRate: number;
  hostAPIName: string;
}
export interface PaStreamOptions {
  deviceId: number;
  sampleRate: number;
  channelCount: number;
  sampleFormat: number;
  framesPerBuffer: number;
  highwaterMark: number;
  maxQueue: number;
  closeOnError: boolean;
}
export interface PaStream {
  start(): void;
  quit(callback?: () => void): Promise<void> | void;
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
}
export interface Naudiodon {
  SampleFormat16Bit: number;
  getDevices(): PaDevice[];
  getHostAPIs(): { defaultHostAPI: number; HostAPIs: { id: number; defaultInput: number; defaultOutput: number }[] };
  AudioIO(options: { inOptions: PaStreamOptions } | { outOptions: PaStreamOptions }): PaStream;
}

export function loadNaudiodon(): Naudiodon {
  const require = createRequire(import.meta.url);
  return require('naudiodon2') as Naudiodon;
}

/** Devices with default marks from the default host API. */
export function listDevices(pa: Naudiodon): DeviceInfo[] {
  const apis = pa.getHostAPIs();
  const api = apis.HostAPIs[apis.defaultHostAPI];
  const devices = pa.getDevices();
  // global PortAudio device indices; paNoDevice (-1) arrives as 2^32-1 through naudiodon's uint32
  const defaultInputId = api?.defaultInput ?? -1;
  const defaultOutputId = api?.defaultOutput ?? -1;
  return devices.map((d) => ({
    id: d.id,
    name: d.name,
    maxInputChannels: d.maxInputChannels,
    maxOutputChannels: d.maxOutputChannels,
    defaultSampleRate: d.defaultSampleRate,
    hostApi: d.hostAPIName,
    isDefaultInput: d.id === defaultInputId,
    isDefaultOutput: d.id === defaultOutputId,
  }));
}

/** naudiodon's quit() hangs forever if it runs twice or concurrently: allow exactly one call. */
export function onceQuit(stream: PaStream): () => Promise<void> {
  let quitting: Promise<void> | undefined;
  return () => {
    quitting ??= new Promise<void>((resolve) => {
      void stream.quit(() => resolve());
    });
    return quitting;
  };
}
