import type { DeviceInfo } from '../host/protocol.js';

interface PactlEntry {
  index: number;
  name: string;
  sampleSpec: string;
}

function channelsOf(spec: string): number {
  const m = /(\d+)ch/.exec(spec);
  return m === null ? 2 : Number(m[1]);
}

function rateOf(spec: string): number {
  const m = /(\d+)Hz/.exec(spec);
  return m === null ? 48_000 : Number(m[1]);
}

/** `pactl list short sinks|sources`: index, name, driver, sample spec, state, tab-separated (every pactl version). */
function parseShortList(text: string): PactlEntry[] {
  const entries: PactlEntry[] = [];
  for (const line of text.split('\n')) {
    const [index, name, , sampleSpec] = line.split('\t');
    if (index === undefined || name === undefined || !/^\d+$/.test(index)) continue;
    entries.push({ index: Number(index), name, sampleSpec: sampleSpec ?? '' });
  }
  return entries;
}

/**
 * Devices from `pactl list short sinks|sources` and the default names. Sinks are outputs,
 * sources inputs; a sink's `.monitor` source is kept (it records what the sink plays). Ids are
 * made unique across both lists (sinks keep their index, sources get 1000 + index) so the
 * id-or-name device choice works as with PortAudio. Pure.
 */
export function parsePulseDevices(
  sinksText: string,
  sourcesText: string,
  defaults: { sink: string | undefined; source: string | undefined },
): DeviceInfo[] {
  const sinks = parseShortList(sinksText).map<DeviceInfo>((s) => ({
    id: s.index,
    name: s.name,
    maxInputChannels: 0,
    maxOutputChannels: channelsOf(s.sampleSpec),
    defaultSampleRate: rateOf(s.sampleSpec),
    hostApi: 'PulseAudio',
    isDefaultInput: false,
    isDefaultOutput: s.name === defaults.sink,
  }));
  const sources = parseShortList(sourcesText).map<DeviceInfo>((s) => ({
    id: 1000 + s.index,
    name: s.name,
    maxInputChannels: channelsOf(s.sampleSpec),
    maxOutputChannels: 0,
    defaultSampleRate: rateOf(s.sampleSpec),
    hostApi: 'PulseAudio',
    isDefaultInput: s.name === defaults.source,
    isDefaultOutput: false,
  }));
  return [...sinks, ...sources];
}

/** `Default Sink:` / `Default Source:` from `pactl info`. Pure. */
export function parsePulseDefaults(info: string): { sink: string | undefined; source: string | undefined } {
  const pick = (key: string): string | undefined => new RegExp(`^${key}:\\s*(\\S+)`, 'm').exec(info)?.[1];
  return { sink: pick('Default Sink'), source: pick('Default Source') };
}

/** `Server Name:` from `pactl info` (e.g. "PulseAudio (on PipeWire 1.0.5)"). Pure. */
export function parsePulseServerName(info: string): string | undefined {
  return /^Server Name:\s*(.+)$/m.exec(info)?.[1]?.trim();
}
