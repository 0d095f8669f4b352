/**
 * Command lines of the `pulse` backend (pulseaudio-utils; PipeWire serves them through
 * pipewire-pulse). Raw PCM16 mono on stdin/stdout at the session rate; the server converts.
 * Pure.
 */
export interface PulseStreamSpec {
  /** Sink/source name, or undefined for the server's default. */
  device: string | undefined;
  sampleRate: number;
  /** Server-side buffer target: what a SIGKILL throws away, and the stall tolerance. */
  latencyMs: number;
  /** How often the server asks for (or hands over) data. */
  processTimeMs: number;
  streamName: string;
  /** Playback: pacat prints the stream's time every 50 ms on stderr (the real output clock). */
  verbose?: boolean;
}

const CLIENT_NAME = 'voicechat';

function common(spec: PulseStreamSpec): string[] {
  const args = [
    '--raw',
    '--format=s16le',
    `--rate=${spec.sampleRate}`,
    '--channels=1',
    `--latency-msec=${spec.latencyMs}`,
    `--process-time-msec=${spec.processTimeMs}`,
    `--client-name=${CLIENT_NAME}`,
    `--stream-name=${spec.streamName}`,
  ];
  if (spec.device !== undefined) args.push(`--device=${spec.device}`);
  return args;
}

/** Playback: stdin -> sink. */
export function pacatArgs(spec: PulseStreamSpec): string[] {
  return ['--playback', ...(spec.verbose === true ? ['--verbose'] : []), ...common(spec)];
}

/** Capture: source -> stdout. */
export function parecArgs(spec: PulseStreamSpec): string[] {
  return ['--record', ...common(spec)];
}
