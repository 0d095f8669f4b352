import { AudioUnavailableError } from '../../core/errors.js';
import { assertNever } from '../../core/assert-never.js';

/** What the user asked for (`--audio-backend`, config key `audioBackend`). */
export type AudioBackendChoice = 'auto' | 'portaudio' | 'pulse';
/** What runs. */
export type AudioBackend = 'portaudio' | 'pulse';

export const AUDIO_BACKEND_CHOICES: readonly AudioBackendChoice[] = ['auto', 'portaudio', 'pulse'];

export interface ResolvedBackend {
  backend: AudioBackend;
  /** One line for `voicechat devices` / `doctor`, e.g. "auto: naudiodon2 (PortAudio) loads". */
  reason: string;
}

export type Probe = { ok: true; detail: string } | { ok: false; reason: string };

export interface BackendProbes {
  portaudio: () => Promise<Probe>;
  pulse: () => Promise<Probe>;
}

export interface BackendHints {
  portaudio: string;
  pulse: string;
}

/**
 * `auto` = PortAudio where naudiodon2 loads, else `pulse` where pactl answers, else an error that
 * says what to install. An explicit choice is checked too, so a wrong one fails at start with a
 * reason rather than mid-conversation. Probes run only as far as needed.
 */
export async function chooseBackend(
  choice: AudioBackendChoice,
  probes: BackendProbes,
  hints: BackendHints,
): Promise<ResolvedBackend> {
  switch (choice) {
    case 'portaudio': {
      const pa = await probes.portaudio();
      if (pa.ok) return { backend: 'portaudio', reason: `chosen (--audio-backend portaudio); ${pa.detail}` };
      throw new AudioUnavailableError(`The portaudio audio backend is unavailable: ${pa.reason}.`, {
        hint: `${hints.portaudio} Or use --audio-backend pulse (Linux).`,
      });
    }
    case 'pulse': {
      const pulse = await probes.pulse();
      if (pulse.ok) return { backend: 'pulse', reason: `chosen (--audio-backend pulse); ${pulse.detail}` };
      throw new AudioUnavailableError(`The pulse audio backend is unavailable: ${pulse.reason}.`, {
        hint: hints.pulse,
      });
    }
    case 'auto': {
      const pa = await probes.portaudio();
      if (pa.ok) return { backend: 'portaudio', reason: `auto: ${pa.detail}` };
      const pulse = await probes.pulse();
      if (pulse.ok) return { backend: 'pulse', reason: `auto: PortAudio unavailable (${pa.reason}); ${pulse.detail}` };
      throw new AudioUnavailableError(
        `No audio backend works: PortAudio (${pa.reason}); PulseAudio/PipeWire (${pulse.reason}).`,
        { hint: `Either ${lowerFirst(hints.portaudio)} Or ${lowerFirst(hints.pulse)}` },
      );
    }
    default:
      return assertNever(choice, 'audio backend choice');
  }
}

/** Validates a config/flag value; the error lists the valid ones. Pure. */
export function parseBackendChoice(value: string): AudioBackendChoice {
  const v = value.trim().toLowerCase();
  const found = AUDIO_BACKEND_CHOICES.find((c) => c === v);
  if (found === undefined) {
    throw new AudioUnavailableError(`Unknown audio backend "${value}".`, {
      hint: `Use one of: ${AUDIO_BACKEND_CHOICES.join(', ')}.`,
    });
  }
  return found;
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s[0]?.toLowerCase() + s.slice(1);
}
