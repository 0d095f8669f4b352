import { TemporaryError, type VoicechatError, AuthError } from '../../core/errors.js';
import type { SessionEvent } from '../../core/events.js';
import type { Logger } from '../../core/log.js';
import type {
  Endpoint,
  HistoryItem,
  ProviderId,
  RealtimeSession,
  SessionCapabilities,
  SessionOptions,
} from '../../core/session.js';
import { createEmitter } from '../../core/emitter.js';
import type { SocketConnector, SocketPort } from '../socket.js';
import { closeError } from '../close-codes.js';
import {
  assistantTextItem,
  audioAppend,
  audioClear,
  audioCommit,
  itemTruncate,
  responseCancel,
  responseCreate,
  RESUME_NOTE,
  systemNoteItem,
  toolOutputItem,
  userTextItem,
} from './client-events.js';
import { gaDialect, type OpenAiStyleDialect } from './dialects.js';
import { mapServerEvent, type ServerSignal } from './map-server-event.js';
import { BENIGN_ERROR_CODES, OPENAI_SAMPLE_RATE, parseWireEvent } from './protocol.js';
import { ShapeNegotiation } from './shape-negotiation.js';
import { betaAssistantTextItem } from './beta-session-update.js';
import { AudioItems } from './audio-items.js';

export { gaDialect, type OpenAiStyleDialect } from './dialects.js';

export interface OpenAiStyleSessionConfig {
  provider: ProviderId;
  endpoint: Endpoint;
  options: SessionOptions;
  dialect?: OpenAiStyleDialect;
  capabilities?: Partial<SessionCapabilities>;
  connectTimeoutMs: number;
  /** Tells the user which variable or flag holds the credentials (for auth errors). */
  credentialHint: string;
}

export interface SessionDeps {
  connect: SocketConnector;
  log: Logger;
}

type State = { kind: 'idle' } | { kind: 'connecting' } | { kind: 'open'; socket: SocketPort } | { kind: 'closed' };

/** One OpenAI-style realtime conversation over a WebSocket. */
export class OpenAiStyleSession implements RealtimeSession {
  readonly provider: ProviderId;
  readonly capabilities: SessionCapabilities;
  #state: State = { kind: 'idle' };
  readonly #shape: ShapeNegotiation;
  #absorbedError = false;
  readonly #config: OpenAiStyleSessionConfig;
  readonly #deps: SessionDeps;
  readonly #emitter = createEmitter<SessionEvent>();
  #activeResponseId: string | undefined;
  #createPending = false;
  readonly #audioItems = new AudioItems();
  #ready: { resolve: () => void; reject: (error: VoicechatError) => void } | undefined;

  constructor(config: OpenAiStyleSessionConfig, deps: SessionDeps) {
    this.#config = config;
    this.#deps = deps;
    this.provider = config.provider;
    this.#shape = new ShapeNegotiation(config.dialect ?? gaDialect, config.options, deps.log, config.provider);
    this.capabilities = {
      inputSampleRate: OPENAI_SAMPLE_RATE,
      outputSampleRate: OPENAI_SAMPLE_RATE,
      serverVad: true,
      semanticVad: true,
      inputTranscription: true,
      canTruncate: true,
      resumable: false,
      ...config.capabilities,
    };
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    return this.#emitter.subscribe(listener);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.#state.kind !== 'idle') throw new Error('connect() called twice');
    this.#state = { kind: 'connecting' };
    this.#emit({ type: 'status', status: 'connecting' });
    const socket = await this.#deps
      .connect(this.#config.endpoint, { timeoutMs: this.#config.connectTimeoutMs, signal })
      .catch((error: unknown) => {
        this.#state = { kind: 'closed' };
        this.#emit({ type: 'status', status: 'error' });
        throw this.#withCredentialHint(error);
      });
    const state: State = { kind: 'open', socket };
    this.#state = state;
    const ready = new Promise<void>((resolve, reject) => {
      this.#ready = { resolve, reject };
    });
    socket.onMessage((data) => this.#onFrame(data));
    socket.onClose((code, reason) => this.#onClose(code, reason));
    this.#send(this.#shape.firstUpdate());
    const timer = setTimeout(() => {
      this.#failReady(
        new TemporaryError(
          `The provider did not confirm the session within ${Math.round(this.#config.connectTimeoutMs / 1000)} s.`,
        ),
      );
    }, this.#config.connectTimeoutMs);
    try {
      await ready;
    } finally {
      clearTimeout(timer);
    }
    this.#emit({ type: 'status', status: 'connected' });
  }

  sendAudio(pcm: Int16Array): void {
    if (pcm.length > 0) this.#send(audioAppend(pcm));
  }

  startInput(): void {
    this.#send(audioClear());
  }

  commitInput(): void {
    this.#send(audioCommit());
    this.#requestResponse();
  }

  sendText(text: string): void {
    this.#send(userTextItem(text));
    this.#requestResponse();
  }

  cancelResponse(): void {
    if (this.#activeResponseId !== undefined) this.#send(responseCancel());
  }

  truncate(responseId: string, heardMs: number): void {
    const cut = this.#audioItems.truncation(responseId, heardMs, this.capabilities.outputSampleRate);
    if (cut !== undefined) this.#send(itemTruncate(cut.itemId, cut.contentIndex, cut.audioEndMs));
  }

  sendToolResult(callId: string, output: string, options?: { respond: boolean }): void {
    this.#send(toolOutputItem(callId, output));
    if (options?.respond !== false) this.#requestResponse();
  }

  /** Replays the conversation as items (assistant text in the dialect's own content type). */
  seedHistory(items: readonly HistoryItem[]): void {
    if (items.length === 0) return;
    const assistant = this.#shape.dialect.shape === 'beta' ? betaAssistantTextItem : assistantTextItem;
    for (const item of items) this.#send(item.role === 'user' ? userTextItem(item.text) : assistant(item.text));
    // a replayed history otherwise tends to make the model greet or re-introduce itself
    this.#send(systemNoteItem(RESUME_NOTE));
  }

  async close(): Promise<void> {
    const state = this.#state;
    this.#state = { kind: 'closed' };
    if (state.kind === 'open') {
      state.socket.close(1000, 'client closing');
      this.#emit({ type: 'status', status: 'closed' });
    }
    await Promise.resolve();
  }

  /** Only one response may write to the conversation at a time; queue the next request. */
  #requestResponse(): void {
    if (this.#activeResponseId !== undefined) {
      this.#createPending = true;
      return;
    }
    this.#createPending = false;
    this.#send(responseCreate());
  }

  #send(event: Record<string, unknown>): void {
    if (this.#state.kind !== 'open') return;
    this.#state.socket.send(JSON.stringify(event));
  }

  #emit(event: SessionEvent): void {
    this.#emitter.emit(event);
  }

  #onFrame(data: string): void {
    const parsed = parseWireEvent(data);
    if (!parsed.ok) {
      this.#deps.log.warn(`${this.provider}: ${parsed.error}`);
      this.#emit({
        type: 'error',
        error: { code: 'malformed_frame', message: `Ignored a ${parsed.error}.`, fatal: false },
      });
      return;
    }
    let mapped;
    try {
      mapped = mapServerEvent(parsed.event);
    } catch (error) {
      this.#deps.log.warn(`${this.provider}: cannot map ${parsed.event.type}: ${(error as Error).message}`);
      return;
    }
    this.#absorbedError = false;
    for (const signal of mapped.signals) this.#onSignal(signal);
    for (const event of mapped.events) {
      // a refusal the shape fallback answered is reported at debug level only
      if (event.type === 'error' && this.#absorbedError) continue;
      if (event.type === 'error' && !event.error.fatal && BENIGN_ERROR_CODES.has(event.error.code ?? '')) {
        this.#deps.log.debug(`${this.provider}: benign error ${event.error.code ?? ''}: ${event.error.message}`);
        continue;
      }
      this.#emit(event);
    }
  }

  #onSignal(signal: ServerSignal): void {
    switch (signal.kind) {
      case 'session.created':
        this.#deps.log.debug(`${this.provider}: session.created (${signal.shape} shape)`);
        if (this.#ready !== undefined) {
          const update = this.#shape.onShape(signal.shape);
          if (update !== undefined) this.#send(update);
        }
        this.#emit({ type: 'session.ready', sessionId: signal.sessionId, expiresAtMs: signal.expiresAtMs });
        return;
      case 'session.updated':
        this.#ready?.resolve();
        this.#ready = undefined;
        return;
      case 'response.created':
        this.#activeResponseId = signal.responseId;
        return;
      case 'response.done':
        if (this.#activeResponseId === signal.responseId) this.#activeResponseId = undefined;
        if (this.#createPending) this.#requestResponse();
        return;
      case 'audio.item':
        this.#audioItems.add(signal);
        return;
      case 'error':
        if (this.#ready !== undefined) this.#onSetupError(signal);
        return;
      case 'ignored':
        this.#deps.log.debug(`${this.provider}: ignored ${signal.type}`);
        return;
      case 'malformed': {
        const error = `${signal.type} frame without ${signal.missing}`;
        this.#deps.log.warn(`${this.provider}: ${error}`);
        this.#emit({ type: 'error', error: { code: 'malformed_frame', message: `Ignored a ${error}.`, fatal: false } });
        return;
      }
    }
  }

  #onSetupError(signal: Extract<ServerSignal, { kind: 'error' }>): void {
    const outcome = this.#shape.onRefusal(signal, this.#config.credentialHint);
    switch (outcome.kind) {
      case 'absorbed':
        this.#absorbedError = true;
        if (outcome.resend !== undefined) this.#send(outcome.resend);
        return;
      case 'fail':
        this.#failReady(outcome.error);
        return;
    }
  }

  #failReady(error: VoicechatError): void {
    const ready = this.#ready;
    this.#ready = undefined;
    if (ready === undefined) return;
    const state = this.#state;
    this.#state = { kind: 'closed' };
    if (state.kind === 'open') state.socket.close(1000, 'setup failed');
    ready.reject(error);
    // listeners (timers in the modes) learn that this session will not come up
    this.#emit({ type: 'status', status: 'error', detail: error.message });
  }

  #onClose(code: number, reason: string): void {
    const wasOpen = this.#state.kind === 'open';
    this.#state = { kind: 'closed' };
    const error = closeError(code, reason, this.#config.credentialHint);
    if (this.#ready !== undefined) {
      this.#failReady(error ?? new TemporaryError(`The provider closed the connection during setup (code ${code}).`));
      return;
    }
    if (!wasOpen) return;
    if (error !== undefined) {
      this.#emit({
        type: 'error',
        error: {
          code: String(code),
          message: error.message,
          fatal: true,
          retryable: error instanceof TemporaryError,
          exitCode: error.exitCode,
        },
      });
      this.#emit({ type: 'status', status: 'error', detail: error.message });
    } else {
      this.#emit({ type: 'status', status: 'closed' });
    }
  }

  #withCredentialHint(error: unknown): unknown {
    if (error instanceof AuthError && error.hint === undefined) {
      return new AuthError(error.message, { cause: error.cause, hint: this.#config.credentialHint });
    }
    return error;
  }
}
