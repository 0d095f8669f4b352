import type { SessionEvent } from '../../core/events.js';
import type { HistoryItem, RealtimeSession, SessionCapabilities } from '../../core/session.js';
import { createEmitter } from '../../core/emitter.js';
import type { SocketPort } from '../socket.js';
import type { GeminiSessionConfig, SessionDeps } from './session-config.js';
import * as msg from './client-messages.js';
import { geminiCloseError } from './close-reasons.js';
import { openLink, type Link } from './open-link.js';
import { fatalEvents, withCredentialHint } from './session-errors.js';
import { mapServerMessage, type ServerSignal } from './map-server-message.js';
import { GEMINI_INPUT_SAMPLE_RATE, GEMINI_OUTPUT_SAMPLE_RATE, parseWireMessage } from './protocol.js';
import { forcedResumeDelayMs, MAX_PENDING_MESSAGES, resumeDecision } from './resume-policy.js';
import { cancelCurrent, initialTurnState, isResponding, type TurnState } from './turn-state.js';

export type { GeminiSessionConfig, SessionDeps } from './session-config.js';

type State =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'open'; socket: SocketPort; closed: Promise<void> }
  | { kind: 'resuming' }
  | { kind: 'closed' };

/**
 * One Gemini Live / Vertex AI Live conversation. On `goAway` it moves to a new socket with the
 * latest resumption handle, holding outgoing messages meanwhile; callers only see a status flicker.
 */
export class GeminiSession implements RealtimeSession {
  readonly provider: 'gemini' | 'vertex';
  readonly capabilities: SessionCapabilities;
  #state: State = { kind: 'idle' };
  readonly #config: GeminiSessionConfig;
  readonly #deps: SessionDeps;
  readonly #emitter = createEmitter<SessionEvent>();
  #turns: TurnState = initialTurnState();
  #generation = 0;
  #pending: string[] = [];
  #handle: string | undefined;
  #goAwayPending = false;
  #awaitingReply = false;
  #resumeTimer: NodeJS.Timeout | undefined;
  readonly #toolNames = new Map<string, string>();

  constructor(config: GeminiSessionConfig, deps: SessionDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#handle = config.options.resumeToken;
    this.provider = config.provider;
    this.capabilities = {
      inputSampleRate: GEMINI_INPUT_SAMPLE_RATE,
      outputSampleRate: GEMINI_OUTPUT_SAMPLE_RATE,
      serverVad: config.options.vad.mode !== 'manual',
      semanticVad: false,
      inputTranscription: true,
      canTruncate: false,
      resumable: true,
    };
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    return this.#emitter.subscribe(listener);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    if (this.#state.kind !== 'idle') throw new Error('connect() called twice');
    this.#state = { kind: 'connecting' };
    this.#emit({ type: 'status', status: 'connecting' });
    let link: Link;
    try {
      link = await this.#open(this.#handle, signal);
    } catch (error) {
      this.#state = { kind: 'closed' };
      this.#emit({ type: 'status', status: 'error' });
      throw withCredentialHint(error, this.#config.credentialHint);
    }
    if (this.#state.kind !== 'connecting') {
      link.socket.close(1000, 'client closing');
      return;
    }
    this.#state = { kind: 'open', socket: link.socket, closed: link.closed };
    this.#emit({ type: 'session.ready', sessionId: link.sessionId });
    this.#emit({ type: 'status', status: 'connected' });
    this.#flushPending();
  }

  sendAudio(pcm: Int16Array): void {
    if (pcm.length > 0) this.#send(msg.audioMessage(pcm));
  }

  startInput(): void {
    if (this.#config.options.vad.mode === 'manual') this.#send(msg.activityStart());
  }

  commitInput(): void {
    this.#awaitingReply = true;
    this.#send(this.#config.options.vad.mode === 'manual' ? msg.activityEnd() : msg.audioStreamEnd());
  }

  sendText(text: string): void {
    this.#awaitingReply = true;
    this.#send(msg.userTextTurn(text));
  }

  /** Gemini has no cancel message: the rest of the current reply is dropped locally. */
  cancelResponse(): void {
    this.#turns = cancelCurrent(this.#turns);
  }

  /** Gemini keeps no per-item audio to cut; only what was received counts as said. */
  truncate(_responseId: string, _heardMs: number): void {}

  sendToolResult(callId: string, output: string): void {
    this.#awaitingReply = true;
    this.#send(msg.toolResponse(callId, this.#toolNames.get(callId) ?? '', output));
    this.#toolNames.delete(callId);
  }

  /** The latest resumable handle: a later session passes it as `options.resumeToken`. */
  resumeToken(): string | undefined {
    return this.#handle;
  }

  /** Earlier turns as context, without asking for a reply. */
  seedHistory(items: readonly HistoryItem[]): void {
    if (items.length > 0) this.#send(msg.historyTurns(items));
  }

  async close(): Promise<void> {
    const state = this.#state;
    this.#state = { kind: 'closed' };
    clearTimeout(this.#resumeTimer);
    this.#pending = [];
    if (state.kind === 'open') state.socket.close(1000, 'client closing');
    if (state.kind === 'open' || state.kind === 'resuming') this.#emit({ type: 'status', status: 'closed' });
    await Promise.resolve();
  }

  /** Opens a socket with `setup` (carrying the handle when resuming); stale sockets are ignored. */
  async #open(handle: string | undefined, signal?: AbortSignal): Promise<Link> {
    const generation = ++this.#generation;
    const setup = msg.setupMessage({
      options: this.#config.options,
      model: this.#config.model,
      resumptionHandle: handle,
    });
    this.#deps.log.debug(`gemini: setup ${JSON.stringify(setup)}`);
    try {
      return await openLink({
        connect: this.#deps.connect,
        endpoint: this.#config.endpoint,
        timeoutMs: this.#config.connectTimeoutMs,
        signal,
        setup,
        credentialHint: this.#config.credentialHint,
        isCurrent: () => generation === this.#generation,
        onFrame: (data) => this.#onFrame(data),
        onClose: (code, reason) => this.#onClose(code, reason),
      });
    } catch (error) {
      // the failed socket's own close must not end the session a second time
      if (generation === this.#generation) this.#generation += 1;
      throw error;
    }
  }

  #send(message: Record<string, unknown>): void {
    const state = this.#state;
    if (state.kind === 'open') {
      state.socket.send(JSON.stringify(message));
    } else if (state.kind === 'resuming' || state.kind === 'connecting') {
      // held while the socket switches; sent in order once the new one is set up
      if (this.#pending.length >= MAX_PENDING_MESSAGES) this.#pending.shift();
      this.#pending.push(JSON.stringify(message));
    }
  }

  #flushPending(): void {
    const state = this.#state;
    if (state.kind !== 'open') return;
    const pending = this.#pending;
    this.#pending = [];
    for (const text of pending) state.socket.send(text);
  }

  #emit(event: SessionEvent): void {
    this.#emitter.emit(event);
  }

  #onFrame(data: string): void {
    const parsed = parseWireMessage(data);
    if (!parsed.ok) {
      this.#deps.log.warn(`gemini: ${parsed.error}`);
      this.#emit({
        type: 'error',
        error: { code: 'malformed_frame', message: `Ignored a ${parsed.error}.`, fatal: false },
      });
      return;
    }
    const mapped = mapServerMessage(this.#turns, parsed.message, { dropAudio: this.#config.options.output === 'text' });
    this.#turns = mapped.state;
    // a listener may answer a tool call synchronously: know its name before emitting
    for (const event of mapped.events) if (event.type === 'tool.call') this.#toolNames.set(event.callId, event.name);
    for (const event of mapped.events) this.#emit(event);
    for (const signal of mapped.signals) this.#onSignal(signal);
  }

  #onSignal(signal: ServerSignal): void {
    switch (signal.kind) {
      case 'setupComplete':
        this.#deps.log.debug(
          `gemini: setupComplete${signal.sessionId === undefined ? '' : ` (session ${signal.sessionId})`}`,
        );
        return;
      case 'toolCall':
        this.#awaitingReply = true;
        return;
      case 'turnComplete':
        this.#awaitingReply = false;
        this.#maybeResume();
        return;
      case 'resumption':
        if (signal.resumable && signal.handle !== undefined) this.#handle = signal.handle;
        return;
      case 'goAway':
        this.#onGoAway(signal.timeLeftMs);
        return;
      case 'skipped':
        this.#deps.log.debug(`gemini: ignored ${signal.what}`);
        return;
    }
  }

  #onGoAway(timeLeftMs: number | undefined): void {
    if (this.#goAwayPending) return;
    this.#goAwayPending = true;
    this.#deps.log.info(`gemini: goAway (time left ${timeLeftMs ?? 'unknown'} ms)`);
    clearTimeout(this.#resumeTimer);
    this.#resumeTimer = setTimeout(() => void this.#resume(), forcedResumeDelayMs(timeLeftMs));
    this.#resumeTimer.unref();
    this.#maybeResume();
  }

  #maybeResume(): void {
    const decision = resumeDecision({
      goAwayPending: this.#goAwayPending,
      responding: isResponding(this.#turns),
      awaitingReply: this.#awaitingReply,
      handle: this.#handle,
    });
    if (decision === 'now') void this.#resume();
    else if (decision === 'impossible')
      this.#deps.log.warn('gemini: goAway but no resumption handle yet; the connection will end');
  }

  /** Closes the old socket first (Gemini refuses a resume while it is open), then resumes. */
  async #resume(): Promise<void> {
    const state = this.#state;
    const handle = this.#handle;
    if (state.kind !== 'open' || handle === undefined) return;
    clearTimeout(this.#resumeTimer);
    this.#goAwayPending = false;
    this.#state = { kind: 'resuming' };
    this.#generation += 1;
    this.#emit({ type: 'status', status: 'reconnecting' });
    if (isResponding(this.#turns)) {
      const responseId = this.#turns.response?.id ?? '';
      this.#turns = { ...this.#turns, response: undefined };
      this.#emit({ type: 'response.done', responseId, status: 'incomplete', reason: 'connection rotated' });
    }
    state.socket.close(1000, 'resuming');
    await Promise.race([state.closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    try {
      const link = await this.#open(handle);
      if (this.#state.kind !== 'resuming') {
        link.socket.close(1000, 'client closing');
        return;
      }
      this.#state = { kind: 'open', socket: link.socket, closed: link.closed };
      this.#deps.log.info('gemini: resumed the session on a new connection');
      this.#emit({ type: 'status', status: 'connected' });
      this.#flushPending();
    } catch (error) {
      if (this.#state.kind !== 'resuming') return;
      this.#state = { kind: 'closed' };
      this.#pending = [];
      for (const event of fatalEvents(
        'resume_failed',
        `Could not resume the session: ${(error as Error).message}`,
        error,
      ))
        this.#emit(event);
    }
  }

  #onClose(code: number, reason: string): void {
    const wasOpen = this.#state.kind === 'open';
    this.#state = { kind: 'closed' };
    clearTimeout(this.#resumeTimer);
    if (!wasOpen) return;
    const error = geminiCloseError(code, reason, this.#config.credentialHint, 'conversation');
    const events =
      error === undefined
        ? [{ type: 'status', status: 'closed' } as const]
        : fatalEvents(String(code), error.message, error);
    for (const event of events) this.#emit(event);
  }
}
