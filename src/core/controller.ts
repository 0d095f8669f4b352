import type { ConversationAudio } from './audio-port.js';
import { CancelledResponses, needsCancel, truncationsFrom, type InterruptCause } from './barge-in.js';
import type { AudioReadyInfo, ControllerEvent } from './controller-events.js';
import { createEmitter } from './emitter.js';
import type { SessionEvent, Usage } from './events.js';
import { LatencyClock } from './latency-clock.js';
import type { Logger } from './log.js';
import type { RealtimeSession, VadMode } from './session.js';
import { TIMED_SESSION_EVENTS, timingEnabled, traceTiming } from './timing-trace.js';
import type { ApprovalAnswer, ApprovalConfig } from './tool-approval.js';
import type { ToolBox } from './tool-box.js';
import { ToolCalls } from './tool-calls.js';
import { nextTurnState, type TurnEvent, type TurnState } from './turn-state.js';
import { CostLimit } from './cost-limit.js';
import type { ModelPrice } from './prices.js';
import { UsageMeter, type UsageSnapshot } from './usage-meter.js';

/** Above this the mic is taken to carry voice (a quiet room sits near -60 dBFS). */
const VOICE_LEVEL_DB = -45;

export interface ControllerOptions {
  session: RealtimeSession;
  engine: ConversationAudio;
  /** The tools the model may call and who approves them; undefined: none. */
  tools: ControllerTools | undefined;
  vad: VadMode;
  log: Logger;
  now?: () => number;
  /** The model's price (undefined: tokens only) and `--max-cost`. */
  cost?: { price: ModelPrice | undefined; maxCostUsd: number | undefined; notice?: string | undefined };
  /** What the audio runs once started (echo mode, backend); reported as an `audio.ready` event. */
  describeAudio?: () => AudioReadyInfo;
}

export interface ControllerTools {
  box: ToolBox;
  approval: ApprovalConfig;
  /** A call running longer shows a spinner (default 1.5 s). */
  slowAfterMs?: number;
}

/**
 * The only code that sees both audio and a session: mic frames -> session, reply audio -> player,
 * barge-in (flush in the same tick, truncate to what was heard, drop late audio), tools, and the
 * turn and latency clocks. Everything else becomes a ControllerEvent for the UI.
 */
export class Controller {
  readonly #session: RealtimeSession;
  readonly #engine: ConversationAudio;
  readonly #tools: ToolCalls | undefined;
  readonly #vad: VadMode;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #describeAudio: (() => AudioReadyInfo) | undefined;
  readonly #emitter = createEmitter<ControllerEvent>();
  readonly #cancelled = new CancelledResponses();
  readonly #latency = new LatencyClock();
  readonly #usage: UsageMeter;
  readonly #costLimit: CostLimit | undefined;
  readonly #costNotice: string | undefined;
  readonly #unsubscribe: (() => void)[] = [];
  /** Responses with audio handed to the player and not yet reported finished. */
  readonly #playing = new Set<string>();
  #generating: string | undefined;
  #turn: TurnState = 'listening';
  #muted = false;
  #recording = false;
  #stopped = false;
  /** When the microphone last carried voice (for providers that send no speech events). */
  #lastVoiceAtMs: number | undefined;

  constructor(options: ControllerOptions) {
    this.#session = options.session;
    this.#engine = options.engine;
    const tools = options.tools;
    this.#tools =
      tools === undefined
        ? undefined
        : new ToolCalls({
            box: tools.box,
            approval: tools.approval,
            slowAfterMs: tools.slowAfterMs,
            sendResult: (callId, output, respond) => this.#session.sendToolResult(callId, output, { respond }),
            emit: (event) => {
              this.#log.debug(`${event.type} ${event.call.modelName} (${event.call.callId})`);
              this.#emit(event);
            },
          });
    this.#vad = options.vad;
    this.#log = options.log;
    this.#now = options.now ?? (() => performance.now());
    this.#usage = new UsageMeter(options.cost?.price);
    const maxUsd = options.cost?.maxCostUsd;
    this.#costLimit = maxUsd === undefined ? undefined : new CostLimit(maxUsd);
    this.#costNotice = options.cost?.notice;
    this.#describeAudio = options.describeAudio;
  }

  /** The session's token and cost totals so far. */
  get usage(): UsageSnapshot {
    return this.#usage.snapshot();
  }

  subscribe(listener: (event: ControllerEvent) => void): () => void {
    return this.#emitter.subscribe(listener);
  }

  get turnState(): TurnState {
    return this.#turn;
  }

  get latencySummary(): ReturnType<LatencyClock['summary']> {
    return this.#latency.summary();
  }

  /** Wires everything, opens the session, then starts audio (mic frames need an open socket). */
  async start(signal?: AbortSignal): Promise<void> {
    this.#unsubscribe.push(
      this.#session.subscribe((event) => this.#onSessionEvent(event)),
      this.#engine.onFrame((pcm) => this.#onMicFrame(pcm)),
      this.#engine.onLevels((levels) => {
        if (levels.input.rmsDb > VOICE_LEVEL_DB && !this.#muted) this.#lastVoiceAtMs = this.#now();
        this.#emit({ type: 'levels', ...levels });
      }),
      this.#engine.onPlaybackStarted((responseId) => this.#onPlaybackStarted(responseId)),
      // a crashed audio process is restarted by the engine; only a final failure ends the run
      this.#engine.onError(({ error, final }) =>
        this.#emit({ type: 'engine.error', message: error.message, final, exitCode: error.exitCode }),
      ),
    );
    await this.#session.connect(signal);
    await this.#engine.start();
    if (this.#describeAudio !== undefined) this.#emit({ type: 'audio.ready', ...this.#describeAudio() });
    this.#emit({ type: 'mic', muted: this.#muted, recording: this.#recording });
    if (this.#costNotice !== undefined) this.#emit({ type: 'notice', message: this.#costNotice });
  }

  sendText(text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (this.#assistantActive()) this.interrupt('user-text');
    this.#tools?.interruptRunning();
    this.#emit({ type: 'user.text', text: trimmed });
    this.#latency.userTurnEnded(this.#now());
    this.#setTurn({ type: 'user.turn_sent' });
    this.#session.sendText(trimmed);
  }

  toggleMute(): void {
    this.#muted = !this.#muted;
    this.#engine.setMuted(this.#muted);
    this.#emit({ type: 'mic', muted: this.#muted, recording: this.#recording });
  }

  /** Push-to-talk toggle (manual turn-taking): first press records, second press sends. */
  togglePushToTalk(): void {
    if (this.#vad !== 'manual') {
      this.#emit({ type: 'notice', message: 'Push-to-talk needs --vad manual.' });
      return;
    }
    if (!this.#recording) {
      if (this.#assistantActive()) this.interrupt('push-to-talk');
      this.#recording = true;
      this.#session.startInput();
      this.#setTurn({ type: 'user.speech_started' });
    } else {
      this.#recording = false;
      this.#session.commitInput();
      this.#latency.userTurnEnded(this.#now());
      this.#setTurn({ type: 'user.turn_sent' });
    }
    this.#emit({ type: 'mic', muted: this.#muted, recording: this.#recording });
  }

  /**
   * Stops the assistant now: silence the speaker in this tick, tell the provider what was
   * actually heard, and drop whatever audio of the cut-off responses still arrives.
   */
  interrupt(cause: InterruptCause): void {
    const reports = this.#engine.flush();
    for (const t of truncationsFrom(reports)) {
      this.#session.truncate(t.responseId, t.heardMs);
      this.#emit({
        type: 'interrupted',
        responseId: t.responseId,
        heardMs: t.heardMs,
        receivedMs: t.receivedMs,
        cause,
      });
    }
    for (const r of reports) {
      this.#cancelled.add(r.responseId);
      this.#playing.delete(r.responseId);
    }
    if (this.#generating !== undefined) {
      this.#cancelled.add(this.#generating);
      if (needsCancel(cause)) this.#session.cancelResponse();
    }
    this.#setTurn({ type: 'assistant.interrupted' });
  }

  /** The answer to the oldest pending confirmation (`y` this call, `a` always this tool, `n` refuse). */
  answerTool(answer: ApprovalAnswer): void {
    this.#tools?.answer(answer);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#tools?.dispose();
    for (const off of this.#unsubscribe.splice(0)) off();
    await Promise.allSettled([this.#session.close(), this.#engine.stop()]);
  }

  #assistantActive(): boolean {
    return this.#playing.size > 0 || this.#generating !== undefined;
  }

  #onMicFrame(pcm: Int16Array): void {
    if (this.#muted) return;
    if (this.#vad === 'manual' && !this.#recording) return;
    this.#session.sendAudio(pcm);
  }

  #onPlaybackStarted(responseId: string): void {
    const turn = this.#latency.audioPlayed(this.#now());
    if (turn !== undefined) this.#emit({ type: 'latency', turn, summary: this.#latency.summary() });
    if (!this.#cancelled.has(responseId)) this.#setTurn({ type: 'assistant.playback_started' });
  }

  #onSessionEvent(event: SessionEvent): void {
    if (timingEnabled && TIMED_SESSION_EVENTS.has(event.type)) traceTiming(event.type);
    switch (event.type) {
      case 'response.audio':
        if (this.#cancelled.has(event.responseId)) return;
        this.#latency.audioReceived(this.#now());
        this.#playing.add(event.responseId);
        this.#engine.play(event.pcm, event.responseId);
        return;
      case 'input.speech_started':
        // barge-in: the speaker must stop in this very tick
        if (this.#assistantActive()) this.interrupt('user-speech');
        // a running call is cut off too; a confirmation still waiting stays on screen
        this.#tools?.interruptRunning();
        this.#setTurn({ type: 'user.speech_started' });
        break;
      case 'response.interrupted':
        if (this.#assistantActive()) this.interrupt('provider-interrupted');
        this.#cancelled.add(event.responseId);
        break;
      case 'input.speech_stopped':
        this.#latency.userTurnEnded(this.#now());
        this.#setTurn({ type: 'user.speech_stopped' });
        break;
      case 'response.started':
        this.#generating = event.responseId;
        // providers without VAD events (Gemini): the turn ended when the mic last carried voice
        if (!this.#latency.isArmed && this.#lastVoiceAtMs !== undefined)
          this.#latency.userTurnEnded(this.#lastVoiceAtMs);
        this.#lastVoiceAtMs = undefined;
        break;
      case 'response.done':
        if (this.#generating === event.responseId) this.#generating = undefined;
        if (event.usage !== undefined) this.#onUsage(event.responseId, event.usage);
        // listeners learn the outcome before they hear that playback finished
        this.#emit(event);
        this.#afterPlayback(event.responseId);
        return;
      case 'tool.call':
        this.#emit(event);
        if (this.#tools === undefined) {
          this.#session.sendToolResult(event.callId, JSON.stringify({ error: 'no tools are enabled' }));
        } else this.#tools.onCall(event.callId, event.name, event.arguments);
        return;
      case 'tool.cancelled':
        this.#tools?.cancelByProvider(event.callIds);
        break;
      case 'status':
        // a response cut off by a lost connection will never report done; what was received still plays
        if (event.status === 'reconnecting' && this.#generating !== undefined) {
          const lost = this.#generating;
          this.#generating = undefined;
          this.#afterPlayback(lost);
        }
        break;
      case 'session.ready':
      case 'input.committed':
      case 'input.transcript.delta':
      case 'input.transcript.done':
      case 'response.text.delta':
      case 'response.text.done':
      case 'response.audio.done':
      case 'rate_limits':
      case 'session.expiring':
      case 'notice':
      case 'error':
        break;
    }
    this.#emit(event);
  }

  #afterPlayback(responseId: string): void {
    const finish = (): void => {
      this.#playing.delete(responseId);
      if (this.#stopped) return;
      this.#emit({ type: 'playback.finished', responseId });
      if (!this.#assistantActive()) this.#setTurn({ type: 'assistant.finished' });
    };
    if (!this.#playing.has(responseId) || this.#cancelled.has(responseId)) {
      finish();
      return;
    }
    this.#engine.drain().then(finish, (error: unknown) => {
      this.#log.warn(`playback drain failed: ${(error as Error).message}`);
      finish();
    });
  }

  #onUsage(responseId: string, usage: Usage): void {
    const turn = this.#usage.add(usage);
    const session = this.#usage.snapshot();
    const limit = this.#costLimit?.onResponseDone(responseId, session.costUsd);
    const stopAfterReply = limit?.kind === 'stop-after-reply';
    this.#emit({ type: 'usage', responseId, turn, session, stopAfterReply });
    if (limit?.kind === 'stop-after-reply') this.#emit({ type: 'notice', message: limit.notice });
  }

  #setTurn(event: TurnEvent): void {
    const next = nextTurnState(this.#turn, event);
    if (next === this.#turn) return;
    this.#turn = next;
    this.#emit({ type: 'turn', state: next });
  }

  #emit(event: ControllerEvent): void {
    this.#emitter.emit(event);
  }
}
