import { backoffDelayMs, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { createEmitter } from './emitter.js';
import { AuthError, ConfigError, UsageError, type ExitCodeValue } from './errors.js';
import type { SessionEvent } from './events.js';
import { ConversationHistory } from './history.js';
import type { Logger } from './log.js';
import type { HistoryItem, ProviderId, RealtimeSession, SessionCapabilities } from './session.js';

export interface ResilienceOptions {
  backoff: BackoffOptions;
  /** Renew the connection this long after it opened; undefined = only at the provider's expiry. */
  sessionCapMs?: number | undefined;
  /** Renew this long before the cap, waiting for a quiet moment. */
  rolloverMarginMs: number;
  /** Microphone audio kept while disconnected and sent after reconnecting. */
  holdAudioMs: number;
  random?: () => number;
}

export const DEFAULT_RESILIENCE: ResilienceOptions = {
  backoff: DEFAULT_BACKOFF,
  rolloverMarginMs: 120_000,
  holdAudioMs: 5000,
};

/** Builds a new connection; `resumeToken` asks the provider to continue the same session. */
export type SessionFactory = (resumeToken: string | undefined) => Promise<RealtimeSession>;

type State = 'idle' | 'connected' | 'reconnecting' | 'closed';

/**
 * A RealtimeSession that outlives its connections: it reconnects with backoff after a drop,
 * renews the connection before the provider's session cap while nobody is talking, and carries
 * the conversation over (a resumption token where the provider has one, else the history
 * replayed as items). Audio captured while disconnected is held and sent afterwards, or dropped
 * with a visible notice.
 */
export class ResilientSession implements RealtimeSession {
  readonly provider: ProviderId;
  readonly capabilities: SessionCapabilities;
  readonly #factory: SessionFactory;
  readonly #options: ResilienceOptions;
  readonly #log: Logger;
  readonly #emitter = createEmitter<SessionEvent>();
  readonly #history = new ConversationHistory();
  #inner: RealtimeSession;
  #off: () => void = () => undefined;
  #state: State = 'idle';
  #held: Int16Array[] = [];
  #heldSamples = 0;
  #droppedSamples = 0;
  #queuedText: string[] = [];
  #generating = false;
  #userSpeaking = false;
  #rolloverDue = false;
  #rolling = false;
  #capTimer: NodeJS.Timeout | undefined;
  #expiresAtMs: number | undefined;

  constructor(first: RealtimeSession, factory: SessionFactory, options: ResilienceOptions, log: Logger) {
    this.#inner = first;
    this.provider = first.provider;
    this.capabilities = first.capabilities;
    this.#factory = factory;
    this.#options = options;
    this.#log = log;
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    return this.#emitter.subscribe(listener);
  }

  async connect(signal?: AbortSignal): Promise<void> {
    this.#attach(this.#inner);
    await this.#inner.connect(signal);
    this.#state = 'connected';
    this.#scheduleCap();
  }

  sendAudio(pcm: Int16Array): void {
    if (this.#state === 'connected' && !this.#rolling) {
      this.#inner.sendAudio(pcm);
      return;
    }
    if (this.#state === 'closed') return;
    this.#held.push(pcm);
    this.#heldSamples += pcm.length;
    const limit = (this.#options.holdAudioMs * this.capabilities.inputSampleRate) / 1000;
    while (this.#heldSamples > limit && this.#held.length > 0) {
      const dropped = this.#held.shift()!;
      this.#heldSamples -= dropped.length;
      this.#droppedSamples += dropped.length;
    }
  }

  startInput(): void {
    if (this.#state === 'connected') this.#inner.startInput();
  }

  commitInput(): void {
    if (this.#state === 'connected') this.#inner.commitInput();
  }

  sendText(text: string): void {
    this.#history.userText(text);
    if (this.#state === 'connected' && !this.#rolling) this.#inner.sendText(text);
    else this.#queuedText.push(text);
  }

  cancelResponse(): void {
    if (this.#state === 'connected') this.#inner.cancelResponse();
  }

  truncate(responseId: string, heardMs: number): void {
    this.#history.truncated(responseId, heardMs, this.capabilities.outputSampleRate);
    if (this.#state === 'connected') this.#inner.truncate(responseId, heardMs);
  }

  sendToolResult(callId: string, output: string, options?: { respond: boolean }): void {
    if (this.#state === 'connected') this.#inner.sendToolResult(callId, output, options);
  }

  seedHistory(items: readonly HistoryItem[]): void {
    for (const item of items) if (item.role === 'user') this.#history.userText(item.text);
    this.#inner.seedHistory?.(items);
  }

  resumeToken(): string | undefined {
    return this.#inner.resumeToken?.();
  }

  async close(): Promise<void> {
    this.#state = 'closed';
    clearTimeout(this.#capTimer);
    this.#off();
    await this.#inner.close();
    this.#emitter.emit({ type: 'status', status: 'closed' });
  }

  #attach(inner: RealtimeSession): void {
    this.#off();
    this.#off = inner.subscribe((event) => this.#onEvent(inner, event));
  }

  #onEvent(from: RealtimeSession, event: SessionEvent): void {
    if (from !== this.#inner || this.#state === 'closed') return;
    this.#history.observe(event);
    switch (event.type) {
      case 'response.started':
        this.#generating = true;
        break;
      case 'response.done':
        this.#generating = false;
        break;
      case 'input.speech_started':
        this.#userSpeaking = true;
        break;
      case 'input.speech_stopped':
      case 'input.committed':
        this.#userSpeaking = false;
        break;
      case 'session.ready':
        this.#expiresAtMs = event.expiresAtMs;
        if (this.#state === 'connected') this.#scheduleCap();
        break;
      case 'error':
        if (event.error.fatal && event.error.retryable === true) {
          this.#log.info(`connection lost (${event.error.code ?? 'error'}: ${event.error.message}); reconnecting`);
          void this.#reconnect(event.error.message);
          return;
        }
        // a fatal error that is not worth a retry ends the session: the close that follows is not a drop
        if (event.error.fatal) this.#state = 'closed';
        break;
      case 'status':
        if ((event.status === 'closed' || event.status === 'error') && this.#state === 'connected') {
          // a renewal closes the old connection on purpose; anything else is a drop
          if (this.#rolling) return;
          this.#log.info('the provider closed the connection; reconnecting');
          void this.#reconnect(event.detail ?? 'the provider closed the connection');
          return;
        }
        break;
      case 'input.transcript.delta':
      case 'input.transcript.done':
      case 'response.audio':
      case 'response.text.delta':
      case 'response.text.done':
      case 'response.audio.done':
      case 'response.interrupted':
      case 'tool.call':
      case 'tool.cancelled':
      case 'rate_limits':
      case 'session.expiring':
      case 'notice':
        break;
    }
    this.#emitter.emit(event);
    if (this.#rolloverDue && this.#quiet()) void this.#rollover();
  }

  #quiet(): boolean {
    return !this.#generating && !this.#userSpeaking;
  }

  async #reconnect(why: string): Promise<void> {
    if (this.#state === 'reconnecting' || this.#state === 'closed') return;
    this.#state = 'reconnecting';
    clearTimeout(this.#capTimer);
    this.#generating = false;
    this.#userSpeaking = false;
    const old = this.#inner;
    this.#off();
    void old.close().catch(() => undefined);
    let token = old.resumeToken?.();
    const { backoff } = this.#options;
    for (let attempt = 1; attempt <= backoff.maxAttempts; attempt++) {
      this.#emitter.emit({ type: 'status', status: 'reconnecting', attempt, detail: why });
      await new Promise((r) =>
        setTimeout(r, backoffDelayMs(attempt, backoff, (this.#options.random ?? Math.random)())),
      );
      if ((this.#state as State) === 'closed') return;
      try {
        await this.#open(token);
        this.#log.info(`reconnected on attempt ${attempt}${token === undefined ? '' : ' (resumed)'}`);
        this.#state = 'connected';
        this.#scheduleCap();
        this.#emitter.emit({ type: 'status', status: 'connected', detail: 'reconnected' });
        this.#flushHeld();
        return;
      } catch (error) {
        if (error instanceof AuthError || error instanceof ConfigError || error instanceof UsageError) {
          this.#giveUp(`Reconnecting failed: ${error.message}`, false, error.exitCode);
          return;
        }
        this.#log.info(`reconnect attempt ${attempt} failed: ${(error as Error).message}`);
        // a stale resumption handle must not block a fresh session
        token = undefined;
      }
    }
    this.#giveUp(`Lost the connection and gave up after ${backoff.maxAttempts} attempts.`, true);
  }

  /** Opens a new connection and makes it current; the old one is no longer listened to. */
  async #open(token: string | undefined): Promise<void> {
    const next = await this.#factory(token);
    const previous = this.#inner;
    this.#inner = next;
    this.#attach(next);
    try {
      await next.connect();
    } catch (error) {
      this.#inner = previous;
      throw error;
    }
    if (token === undefined) next.seedHistory?.(this.#history.items());
  }

  async #rollover(): Promise<void> {
    if (this.#rolling || this.#state !== 'connected') return;
    this.#rolling = true;
    this.#rolloverDue = false;
    const old = this.#inner;
    try {
      await this.#open(old.resumeToken?.());
      this.#log.info('renewed the session before its time limit');
      void old.close().catch(() => undefined);
      this.#scheduleCap();
    } catch (error) {
      this.#log.warn(`session renewal failed (${(error as Error).message}); trying again at the next pause`);
      this.#attach(old);
      this.#rolloverDue = true;
    } finally {
      this.#rolling = false;
      this.#flushHeld();
    }
  }

  #scheduleCap(): void {
    clearTimeout(this.#capTimer);
    const now = Date.now();
    const deadlines = [
      this.#options.sessionCapMs === undefined ? undefined : now + this.#options.sessionCapMs,
      this.#expiresAtMs,
    ].filter((d): d is number => d !== undefined && d > now);
    if (deadlines.length === 0) return;
    const deadline = Math.min(...deadlines);
    const span = deadline - now;
    const margin = Math.min(this.#options.rolloverMarginMs, span / 2);
    this.#capTimer = setTimeout(() => {
      this.#rolloverDue = true;
      if (this.#quiet()) void this.#rollover();
    }, span - margin);
    this.#capTimer.unref();
    // only the provider's own expiry counts once; a renewed session reports its own
    this.#expiresAtMs = undefined;
  }

  #flushHeld(): void {
    if (this.#state !== 'connected') return;
    if (this.#droppedSamples > 0) {
      const seconds = (this.#droppedSamples / this.capabilities.inputSampleRate).toFixed(1);
      this.#emitter.emit({
        type: 'notice',
        message: `Dropped ${seconds} s of microphone audio captured while disconnected.`,
      });
      this.#droppedSamples = 0;
    }
    for (const pcm of this.#held.splice(0)) this.#inner.sendAudio(pcm);
    this.#heldSamples = 0;
    for (const text of this.#queuedText.splice(0)) this.#inner.sendText(text);
  }

  #giveUp(message: string, retryable: boolean, exitCode?: ExitCodeValue): void {
    this.#state = 'closed';
    this.#emitter.emit({
      type: 'error',
      error: { code: 'reconnect_failed', message, fatal: true, retryable, exitCode },
    });
    this.#emitter.emit({ type: 'status', status: 'error', detail: message });
  }
}
