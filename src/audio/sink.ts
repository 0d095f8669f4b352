import type { VoicechatError } from '../core/errors.js';
import type { AudioLevels } from './engine-types.js';

/** Where response audio goes, at the sink's own rate. Both sinks play in real time. */
export interface PlaybackSink {
  readonly sampleRate: number;
  start(): Promise<void>;
  write(pcm: Int16Array, responseId: string): void;
  /** Silences at once, drops what was not played; returns samples played per response so far. */
  flush(): Map<string, number>;
  playedSamples(responseId: string, nowMs?: number): number;
  drain(): Promise<void>;
  stop(): Promise<void>;
  onStarted(listener: (responseId: string) => void): () => void;
  onLevels(listener: (levels: AudioLevels) => void): () => void;
  onError(listener: (error: VoicechatError) => void): () => void;
}

/** Where microphone frames come from, at the session input rate, in frameMs frames. */
export interface CaptureSource {
  start(): Promise<void>;
  setMuted(muted: boolean): void;
  stop(): Promise<void>;
  onFrame(listener: (pcm: Int16Array) => void): () => void;
  onLevels(listener: (levels: AudioLevels) => void): () => void;
  onError(listener: (error: VoicechatError) => void): () => void;
}

export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Polls `isDone` every `intervalMs` until true (drain: the playhead is a clock, not an event). */
export function waitUntil(isDone: () => boolean, intervalMs = 20): Promise<void> {
  return new Promise((resolve) => {
    if (isDone()) return resolve();
    const timer = setInterval(() => {
      if (!isDone()) return;
      clearInterval(timer);
      resolve();
    }, intervalMs);
  });
}
