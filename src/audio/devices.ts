import { AudioDeviceError } from '../core/errors.js';
import type { DeviceInfo } from './host/protocol.js';

export type { DeviceInfo } from './host/protocol.js';
export type DeviceDirection = 'input' | 'output';

function supports(device: DeviceInfo, direction: DeviceDirection): boolean {
  return direction === 'input' ? device.maxInputChannels > 0 : device.maxOutputChannels > 0;
}

/**
 * Picks a device by id or case-insensitive name substring (an exact name wins over substrings).
 * Undefined picks the default device for the direction. Unknown or ambiguous -> AudioDeviceError
 * listing the valid names. Pure.
 */
export function resolveDevice(
  devices: readonly DeviceInfo[],
  idOrNameSubstring: string | undefined,
  direction: DeviceDirection,
): DeviceInfo {
  const candidates = devices.filter((d) => supports(d, direction));
  const names = candidates.map((d) => d.name);
  const hint = names.length > 0 ? `Valid ${direction} devices: ${names.join(', ')}` : 'Run `voicechat devices`.';
  if (candidates.length === 0) {
    throw new AudioDeviceError(`No ${direction} audio devices found.`, { hint: 'Run `voicechat devices`.' });
  }
  const wanted = idOrNameSubstring?.trim();
  if (wanted === undefined || wanted === '') {
    const isDefault = (d: DeviceInfo): boolean => (direction === 'input' ? d.isDefaultInput : d.isDefaultOutput);
    return candidates.find(isDefault) ?? (candidates[0] as DeviceInfo);
  }
  if (/^\d+$/.test(wanted)) {
    const byId = candidates.find((d) => d.id === Number(wanted));
    if (byId !== undefined) return byId;
  }
  const needle = wanted.toLowerCase();
  const exact = candidates.find((d) => d.name.toLowerCase() === needle);
  if (exact !== undefined) return exact;
  const matches = candidates.filter((d) => d.name.toLowerCase().includes(needle));
  if (matches.length === 1) return matches[0] as DeviceInfo;
  if (matches.length > 1) {
    throw new AudioDeviceError(
      `Audio ${direction} device "${wanted}" is ambiguous: ${matches.map((d) => d.name).join(', ')}.`,
      { hint: 'Use the device id or a longer part of its name.' },
    );
  }
  throw new AudioDeviceError(`Unknown audio ${direction} device "${wanted}".`, { hint });
}
