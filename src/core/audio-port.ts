import type { AudioLevels, PlaybackReport } from '../audio/engine-types.js';
import type { VoicechatError } from './errors.js';

/**
 * The audio the controller drives: what it needs of an engine and nothing more. The device
 * engine (`src/audio/engine.ts`) and the null engine both satisfy it, so core never depends on
 * the audio implementation.
 */
export interface ConversationAudio {
  start(): Promise<void>;
  /** Microphone frames at the session input rate. */
  onFrame(listener: (pcm: Int16Array) => void): () => void;
  onLevels(listener: (levels: { input: AudioLevels; output: AudioLevels }) => void): () => void;
  /** First sample of a response reached the output (latency clock). */
  onPlaybackStarted(listener: (responseId: string) => void): () => void;
  onError(listener: (error: VoicechatError) => void): () => void;
  /** PCM16 mono at the session output rate. */
  play(pcm: Int16Array, responseId: string): void;
  /** Silences output at once; what was played of each response that had audio pending. */
  flush(): PlaybackReport[];
  setMuted(muted: boolean): void;
  /** Resolves when everything handed to `play` has been played. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}
