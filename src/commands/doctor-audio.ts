import { ExitCode, isVoicechatError } from '../core/errors.js';
import type { AudioBackend, AudioBackendChoice, ResolvedBackend } from '../audio/backend/choose-backend.js';
import type { DeviceInfo } from '../audio/devices.js';
import type { DoctorCheck } from './doctor-checks.js';

/** The rate the audio engine opens devices at (it resamples to each provider's rate). */
const DEVICE_RATE = 48_000;
const OPEN_TIMEOUT_MS = 8_000;

const messageOf = (error: unknown): string =>
  isVoicechatError(error) ? error.message : error instanceof Error ? error.message : String(error);
/** `pulse (auto: PortAudio unavailable (...); pactl answers (...))`. Pure. */
export function backendDetail(resolved: ResolvedBackend): string {
  return `${resolved.backend} (${resolved.reason})`;
}

const hintOf = (error: unknown, fallback: string): string =>
  isVoicechatError(error) ? (error.hint ?? fallback) : fallback;

/** Opens a device through the backend's host for a moment; the CLI process itself never loads naudiodon. */
async function tryOpen(backend: AudioBackend, role: 'capture' | 'player', device: string | undefined): Promise<string> {
  const { hostSpawnerFor } = await import('../audio/backend/host-spawner.js');
  const { silentLogger } = await import('../core/log.js');
  const host = hostSpawnerFor(backend)({
    config: { role, device, sampleRate: DEVICE_RATE, frameMs: 20, prebufferMs: 80, maxQueue: 3 },
    logger: silentLogger,
    startupTimeoutMs: OPEN_TIMEOUT_MS,
  });
  try {
    return await host.ready;
  } finally {
    await host.quit().catch(() => {});
  }
}

/**
 * The audio backend in use and why, devices and defaults, and whether input and output open at the
 * engine's rate.
 */
export async function audioChecks(
  devices: { input?: string | undefined; output?: string | undefined },
  choice: AudioBackendChoice,
): Promise<DoctorCheck[]> {
  const { resolveBackend } = await import('../audio/backend/resolve-backend.js');
  let resolved: ResolvedBackend;
  try {
    resolved = await resolveBackend(choice);
  } catch (error) {
    return [
      {
        name: 'audio backend',
        status: 'fail',
        detail: `audio backend unavailable: ${messageOf(error)}`,
        fix: hintOf(error, 'Reinstall with a C++ toolchain so naudiodon builds, or use --input-file/--audio-out.'),
        exitCode: ExitCode.audioUnavailable,
      },
    ];
  }
  const backendCheck: DoctorCheck = { name: 'audio backend', status: 'ok', detail: backendDetail(resolved) };
  let list: DeviceInfo[];
  try {
    const { listBackendDevices } = await import('../audio/list-devices.js');
    list = (await listBackendDevices(choice)).devices;
  } catch (error) {
    if (/no audio devices/i.test(messageOf(error))) {
      return [
        backendCheck,
        {
          name: 'audio devices',
          status: 'fail',
          detail: 'no audio devices found',
          fix: hintOf(error, 'Connect a device or start your sound server; or use --input-file/--audio-out.'),
          exitCode: ExitCode.audioUnavailable,
        },
      ];
    }
    return [
      {
        ...backendCheck,
        status: 'fail',
        detail: `${backendCheck.detail}; listing devices failed: ${messageOf(error)}`,
        fix: hintOf(error, 'Start your sound server (PulseAudio/PipeWire); or use --input-file/--audio-out.'),
        exitCode: ExitCode.audioUnavailable,
      },
    ];
  }
  const inputs = list.filter((d) => d.maxInputChannels > 0);
  const outputs = list.filter((d) => d.maxOutputChannels > 0);
  const defaultIn = inputs.find((d) => d.isDefaultInput)?.name ?? inputs[0]?.name ?? '(none)';
  const defaultOut = outputs.find((d) => d.isDefaultOutput)?.name ?? outputs[0]?.name ?? '(none)';
  const checks: DoctorCheck[] = [
    { ...backendCheck, detail: `${backendCheck.detail}; ${inputs.length} input, ${outputs.length} output devices` },
    { name: 'default devices', status: 'ok', detail: `input: ${defaultIn}; output: ${defaultOut}` },
  ];
  for (const [role, label, wanted, count] of [
    ['capture', 'audio input', devices.input, inputs.length],
    ['player', 'audio output', devices.output, outputs.length],
  ] as const) {
    if (count === 0) {
      checks.push({
        name: label,
        status: 'fail',
        detail: `no ${role === 'capture' ? 'input' : 'output'} device`,
        fix: 'Connect a device or start your sound server (PulseAudio/PipeWire); or use --input-file/--audio-out.',
        exitCode: ExitCode.audioUnavailable,
      });
      continue;
    }
    try {
      const name = await tryOpen(resolved.backend, role, wanted);
      checks.push({ name: label, status: 'ok', detail: `${name} opens at ${DEVICE_RATE} Hz (resampled to 16/24 kHz)` });
    } catch (error) {
      checks.push({
        name: label,
        status: 'fail',
        detail: `cannot open${wanted === undefined ? ' the default device' : ` "${wanted}"`}: ${messageOf(error)}`,
        fix: hintOf(error, 'Pick another device with --input-device/--output-device (see voicechat devices).'),
        exitCode: ExitCode.audioUnavailable,
      });
    }
  }
  return checks;
}
