import { resolveDevice, type DeviceInfo } from '../audio/devices.js';
import { parseBackendChoice, type AudioBackendChoice, type ResolvedBackend } from '../audio/backend/choose-backend.js';
import { listBackendDevices } from '../audio/list-devices.js';
import { readConfig } from '../config/config-store.js';

export { resolveDevice };

export interface DevicesOutput {
  input: DeviceInfo[];
  output: DeviceInfo[];
}

/** The list with the backend that produced it and why. */
export interface BackendDevices extends DevicesOutput {
  backend: ResolvedBackend;
}

/** Splits the host's list by direction, defaults first. Pure. */
export function groupDevices(devices: readonly DeviceInfo[]): DevicesOutput {
  const byDefault = (isDefault: (d: DeviceInfo) => boolean) => (a: DeviceInfo, b: DeviceInfo) =>
    Number(isDefault(b)) - Number(isDefault(a)) || a.id - b.id;
  return {
    input: devices.filter((d) => d.maxInputChannels > 0).sort(byDefault((d) => d.isDefaultInput)),
    output: devices.filter((d) => d.maxOutputChannels > 0).sort(byDefault((d) => d.isDefaultOutput)),
  };
}

export function formatDevices(grouped: BackendDevices): string {
  const lines: string[] = [`Audio backend: ${grouped.backend.backend} (${grouped.backend.reason})`];
  const section = (title: string, devices: DeviceInfo[], isDefault: (d: DeviceInfo) => boolean): void => {
    lines.push(`${title}:`);
    for (const d of devices) {
      const channels = title === 'Input devices' ? d.maxInputChannels : d.maxOutputChannels;
      lines.push(
        `  ${isDefault(d) ? '*' : ' '} ${String(d.id).padStart(2)}  ${d.name}  (${channels} ch, ${d.defaultSampleRate} Hz, ${d.hostApi})`,
      );
    }
    if (devices.length === 0) lines.push('    (none)');
  };
  section('Input devices', grouped.input, (d) => d.isDefaultInput);
  section('Output devices', grouped.output, (d) => d.isDefaultOutput);
  lines.push('* = default. Pick one with --input-device/--output-device <id or part of the name>.');
  lines.push('Another backend: --audio-backend portaudio|pulse (device names differ between them).');
  return `${lines.join('\n')}\n`;
}

/** `--audio-backend`, else the config file's `audioBackend` (a config that cannot be read counts as unset), else auto. */
async function choiceFor(typed: string | undefined): Promise<AudioBackendChoice> {
  if (typed !== undefined) return parseBackendChoice(typed);
  try {
    return (await readConfig(process.env)).data.settings?.audioBackend ?? 'auto';
  } catch {
    return 'auto';
  }
}

/**
 * `voicechat devices [--json] [--audio-backend b]`: the backend in use and why, then input and
 * output devices. Errors (no backend, no devices) are thrown as VoicechatErrors (exit 69) for the
 * CLI's error printer.
 */
export async function runDevices(opts: { json: boolean; audioBackend?: string | undefined }): Promise<number> {
  const { backend, devices } = await listBackendDevices(await choiceFor(opts.audioBackend));
  const listed: BackendDevices = { backend, ...groupDevices(devices) };
  process.stdout.write(opts.json ? `${JSON.stringify(listed, null, 2)}\n` : formatDevices(listed));
  return 0;
}
