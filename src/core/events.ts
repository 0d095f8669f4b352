import type { ExitCodeValue } from './errors.js';

/** Provider-neutral events: the one channel from a RealtimeSession to everything else. */

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'error';

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Audio tokens, when the provider splits them out. */
  inputAudioTokens?: number;
  outputAudioTokens?: number;
  cachedTokens?: number;
  /** The audio part of `cachedTokens`, when the provider splits it out (OpenAI). */
  cachedAudioTokens?: number;
}

export type ResponseStatus = 'completed' | 'cancelled' | 'incomplete' | 'failed';

export interface SessionErrorInfo {
  /** Provider error code (`invalid_value`, `session_expired`, close code as text …). */
  code?: string | undefined;
  message: string;
  /** The offending request field, when the provider names one. */
  param?: string | undefined;
  /** False when the session carries on after the error. */
  fatal: boolean;
  /**
   * A fatal error that a new connection may cure (network drop, provider 5xx, the provider's
   * session time limit). The dialect's mapper decides; core never reads vendor codes.
   */
  retryable?: boolean | undefined;
  /** The exit code this error ends a run with, when it is fatal. */
  exitCode?: ExitCodeValue | undefined;
  /** What the user can do about it, when the provider layer knows. */
  hint?: string | undefined;
}

export interface RateLimit {
  name: string;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export type SessionEvent =
  | { type: 'status'; status: ConnectionStatus; attempt?: number; detail?: string }
  | { type: 'session.ready'; sessionId?: string | undefined; expiresAtMs?: number | undefined }
  | { type: 'input.speech_started'; itemId?: string | undefined }
  | { type: 'input.speech_stopped'; itemId?: string | undefined }
  | { type: 'input.committed'; itemId?: string | undefined }
  | { type: 'input.transcript.delta'; itemId: string; delta: string }
  | { type: 'input.transcript.done'; itemId: string; text: string }
  | { type: 'response.started'; responseId: string }
  /** PCM16 mono at `capabilities.outputSampleRate`. */
  | { type: 'response.audio'; responseId: string; itemId?: string | undefined; pcm: Int16Array }
  /** Reply text: model text output, or the transcript of its speech. */
  | { type: 'response.text.delta'; responseId: string; itemId?: string | undefined; delta: string }
  | { type: 'response.text.done'; responseId: string; itemId?: string | undefined; text: string }
  /** Generation finished (audio may still be playing); Gemini's generationComplete. */
  | { type: 'response.audio.done'; responseId: string }
  | {
      type: 'response.done';
      responseId: string;
      status: ResponseStatus;
      reason?: string | undefined;
      usage?: Usage | undefined;
    }
  /** The provider cut off the response because the user spoke (Gemini `interrupted`). */
  | { type: 'response.interrupted'; responseId: string }
  | { type: 'tool.call'; responseId: string; callId: string; name: string; arguments: string }
  | { type: 'tool.cancelled'; callIds: string[] }
  | { type: 'rate_limits'; limits: RateLimit[] }
  /** The provider will end this connection soon (Gemini goAway). */
  | { type: 'session.expiring'; timeLeftMs: number }
  /** Something the user should know that is not an error (audio dropped while reconnecting …). */
  | { type: 'notice'; message: string }
  | { type: 'error'; error: SessionErrorInfo };

export type SessionEventType = SessionEvent['type'];
export type SessionEventOf<T extends SessionEventType> = Extract<SessionEvent, { type: T }>;
