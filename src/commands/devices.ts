import { resolveDevice, type DeviceInfo } from '../audio/devices.js';
import { listAudioDevices } from '../audio/list-devices.js';

export { resolveDevice };

export interface DevicesOutput {
  input: DeviceInfo[];
  output: DeviceInfo[];
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

export function formatDevices(grouped: DevicesOutput): string {
  const lines: string[] = [];
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
  return `${lines.join('\n')}\n`;
}

/**
 * `voicechat devices [--json]`: lists input and output devices. Errors (no backend, no devices)
 * are thrown as VoicechatErrors (exit 69) for the CLI's error printer.
 */
export async function runDevices(opts: { json: boolean }): Promise<number> {
  const grouped = groupDevices(await listAudioDevices());
  process.stdout.write(opts.json ? `${JSON.stringify(grouped, null, 2)}\n` : formatDevices(grouped));
  return 0;
}
