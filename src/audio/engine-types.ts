// the engine contract lives in core so core, ui and record need not import audio
export type { AudioEngine, AudioLevels, EngineFailure, PlaybackReport } from '../core/audio-engine.js';
import type { EchoOptions } from '../core/audio-engine.js';

export type AudioSource =
  | { kind: 'device'; device?: string | undefined }
  /** A WAV file used as the microphone, paced in real time, then silence. */
  | { kind: 'file'; path: string }
  | { kind: 'none' };

export type AudioSink =
  | { kind: 'device'; device?: string | undefined }
  /** Written as a WAV at the session's output rate. */
  | { kind: 'file'; path: string }
  | { kind: 'none' };

export interface AudioEngineOptions {
  input: AudioSource;
  output: AudioSink;
  /** The session's rates; the engine resamples to and from the device rate. */
  inputSampleRate: number;
  outputSampleRate: number;
  frameMs?: number;
  /** Echo cancellation / noise suppression on the microphone; absent = off. */
  echo?: EchoOptions;
}
