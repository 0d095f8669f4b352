import type { SessionEvent } from './events.js';

/** What the product can be pointed at. */
export const PROVIDER_IDS = ['openai', 'azure-openai', 'azure-voicelive', 'gemini', 'vertex'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/** Declared by each session so callers read capabilities instead of checking vendors. */
export interface SessionCapabilities {
  inputSampleRate: number;
  outputSampleRate: number;
  serverVad: boolean;
  semanticVad: boolean;
  inputTranscription: boolean;
  /** Can drop unheard assistant audio from the model's context. */
  canTruncate: boolean;
  /** Can resume the same server-side session on a new socket. */
  resumable: boolean;
}

export type VadMode = 'server' | 'semantic' | 'manual';
export type NoiseReduction = 'near_field' | 'far_field' | 'off';

/** Turn-taking settings; unset tuning keeps the provider's defaults. */
export interface VadOptions {
  mode: VadMode;
  threshold?: number | undefined;
  prefixPaddingMs?: number | undefined;
  silenceDurationMs?: number | undefined;
  eagerness?: 'low' | 'medium' | 'high' | 'auto' | undefined;
}

export interface ToolDefinition {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

/** Everything a session needs to know about the conversation, in neutral words. */
export interface SessionOptions {
  model: string;
  voice?: string | undefined;
  instructions?: string | undefined;
  /** `text` asks for text only (one-shot without audio); `audio` gets speech plus transcript. */
  output: 'audio' | 'text';
  vad: VadOptions;
  speed?: number | undefined;
  temperature?: number | undefined;
  maxOutputTokens?: number | undefined;
  transcriptionModel?: string | undefined;
  transcriptionLanguage?: string | undefined;
  noiseReduction?: NoiseReduction | undefined;
  /** Server-side echo cancellation, where the provider offers it. */
  echoCancellation?: boolean | undefined;
  tools: ToolDefinition[];
  /** Resume this server-side session (a token from `resumeToken()` of an earlier connection). */
  resumeToken?: string | undefined;
}

/** One turn of the conversation so far, replayed into a new connection. */
export interface HistoryItem {
  role: 'user' | 'assistant';
  text: string;
}

/** URL and headers for the WebSocket upgrade, built by a pure per-provider function. */
export interface Endpoint {
  url: string;
  headers: Record<string, string>;
}

/** The provider-neutral contract every dialect implements. */
export interface RealtimeSession {
  readonly provider: ProviderId;
  readonly capabilities: SessionCapabilities;
  /** Opens the socket and configures the session; resolves once the provider is ready. */
  connect(signal?: AbortSignal): Promise<void>;
  /** Mono PCM16 at `capabilities.inputSampleRate`. */
  sendAudio(pcm: Int16Array): void;
  /** Manual turn-taking: the user started talking (push-to-talk pressed). */
  startInput(): void;
  /** Manual turn-taking: end of the user's turn; commits the input and asks for a reply. */
  commitInput(): void;
  sendText(text: string): void;
  /** Stops the response being generated, if any. */
  cancelResponse(): void;
  /** Tells the provider the user heard only `heardMs` of the response's audio. */
  truncate(responseId: string, heardMs: number): void;
  /**
   * A function's output. `respond: false` (a call the user cut off by speaking or typing) adds the
   * output without asking for a reply: the user's own turn gets the next one.
   */
  sendToolResult(callId: string, output: string, options?: { respond: boolean }): void;
  subscribe(listener: (event: SessionEvent) => void): () => void;
  close(): Promise<void>;
  /** Re-creates the conversation on a fresh connection (after a drop or a rollover), before any new input. */
  seedHistory?(items: readonly HistoryItem[]): void;
  /** A token that resumes this server-side session on a new socket, when the provider gave one. */
  resumeToken?(): string | undefined;
}
