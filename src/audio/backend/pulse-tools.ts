import { execFile } from 'node:child_process';
import { AudioUnavailableError } from '../../core/errors.js';
import { resolveDevice, type DeviceDirection } from '../devices.js';
import type { DeviceInfo } from '../host/protocol.js';
import { parsePulseDefaults, parsePulseDevices, parsePulseServerName } from './pulse-devices.js';

export const PULSE_INSTALL_HINT =
  'Install pulseaudio-utils (Debian/Ubuntu: `sudo apt-get install pulseaudio-utils`; Fedora: `sudo dnf install pulseaudio-utils`) and run PulseAudio or PipeWire with pipewire-pulse.';

/** Runs pactl; rejects with its stderr (or the spawn error, e.g. ENOENT) as the message. */
export function runPactl(args: string[], timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('pactl', args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error === null) resolve(stdout);
      else reject(new Error(stderr.trim() === '' ? error.message : stderr.trim()));
    });
  });
}

/** The sound server answers pactl: its name (e.g. "PulseAudio (on PipeWire 1.0.5)"), or why not. */
export async function probePulse(): Promise<{ ok: true; server: string } | { ok: false; reason: string }> {
  try {
    const info = await runPactl(['info'], 2000);
    return { ok: true, server: parsePulseServerName(info) ?? 'a PulseAudio server' };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, reason: /ENOENT/.test(message) ? 'pactl is not installed' : `pactl: ${message}` };
  }
}

export async function listPulseDevices(): Promise<DeviceInfo[]> {
  try {
    const [info, sinks, sources] = await Promise.all([
      runPactl(['info']),
      runPactl(['list', 'short', 'sinks']),
      runPactl(['list', 'short', 'sources']),
    ]);
    return parsePulseDevices(sinks, sources, parsePulseDefaults(info));
  } catch (error) {
    throw new AudioUnavailableError(`Could not list PulseAudio devices: ${(error as Error).message}`, {
      cause: error,
      hint: PULSE_INSTALL_HINT,
    });
  }
}

const RESOLVED_TTL_MS = 30_000;
const resolved = new Map<string, { name: string; atMs: number }>();

/**
 * The sink/source name for a device choice (id, name or substring; undefined = the server's
 * default, which pacat/parec pick themselves). Cached briefly: a barge-in respawns pacat and must
 * not wait for pactl.
 */
export async function resolvePulseDevice(
  spec: string | undefined,
  direction: DeviceDirection,
): Promise<string | undefined> {
  if (spec === undefined || spec.trim() === '') return undefined;
  const key = `${direction}:${spec}`;
  const hit = resolved.get(key);
  if (hit !== undefined && Date.now() - hit.atMs < RESOLVED_TTL_MS) return hit.name;
  const device = resolveDevice(await listPulseDevices(), spec, direction);
  resolved.set(key, { name: device.name, atMs: Date.now() });
  return device.name;
}
