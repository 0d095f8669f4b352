import type { VoicechatError } from './errors.js';

/** Levels in dBFS (-Infinity for digital silence is clamped to the meter's floor). */
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

/** An engine failure; `final` when the engine will not recover by itself (no respawn follows). */
export interface EngineFailure {
  error: VoicechatError;
  final: boolean;
}

/** Duplex audio for one conversation: the contract the controller and the recorder rely on. */
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
  onError(listener: (failure: EngineFailure) => void): () => void;
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

/** Echo processing asked of the engine: `local` = WebRTC AEC3 (the gate when it cannot load). */
export type EchoMode = 'local' | 'gate' | 'off';

export interface EchoOptions {
  mode: EchoMode;
  /** WebRTC noise suppression on the microphone (needs the native module; never with the gate). */
  noiseSuppression: boolean;
}

/** What actually runs, for the TUI header, `--explain`, `doctor` and the recording's events. */
export interface EchoStatus {
  echo: 'aec3' | 'gate' | 'off';
  noiseSuppression: boolean;
  /** Why less than what was asked for runs (the native module's load failure, a platform). */
  degradedReason?: string;
}
