import type { VoicechatError } from '../core/errors.js';
import type { EchoOptions, EchoStatus } from './echo/create-echo-canceller.js';

/** Levels in dBFS (-Infinity for digital silence is clamped to MIN_LEVEL_DB). */
export interface AudioLevels {
  rmsDb: number;
  peakDb: number;
}

export interface PlaybackReport {
  responseId: string;
  /** Audio of this response that reached the device, from the player's position clock. */
  playedMs: number;
  /** Audio of this response handed to the engine. */
  receivedMs: number;
}

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

/** Duplex audio for one conversation. */
export interface AudioEngine {
  start(): Promise<void>;
  /** Microphone frames (20 ms) at the session input rate. */
  onFrame(listener: (pcm: Int16Array) => void): () => void;
  /** Meter levels, at most 20 per second. */
  onLevels(listener: (levels: { input: AudioLevels; output: AudioLevels }) => void): () => void;
  /**
   * Reply audio as actually played (heard), at the session output rate, in play order and as the
   * playhead passes it (every ~50 ms). Audio dropped by `flush()` is never emitted.
   */
  onPlayed(listener: (pcm: Int16Array, responseId: string) => void): () => void;
  /** First sample of a response reached the device (latency clock). */
  onPlaybackStarted(listener: (responseId: string) => void): () => void;
  onError(listener: (error: VoicechatError) => void): () => void;
  /** PCM16 mono at the session output rate. */
  play(pcm: Int16Array, responseId: string): void;
  /**
   * Silences output at once and drops everything queued. Synchronous so a barge-in can truncate
   * in the same tick; returns what was played of each response that had audio pending.
   */
  flush(): PlaybackReport[];
  /** Playback position of a response, in ms actually played. */
  playedMs(responseId: string): number;
  setMuted(muted: boolean): void;
  /** Resolves when everything handed to `play` has been played (or written). */
  drain(): Promise<void>;
  stop(): Promise<void>;
  /** What echo processing runs (from start on); undefined before start, without `echo` or a microphone. */
  echoStatus?(): EchoStatus | undefined;
}
