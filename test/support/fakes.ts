import type { AudioEngine, AudioLevels, EngineFailure, PlaybackReport } from '../../src/core/audio-engine.js';
import type { VoicechatError } from '../../src/core/errors.js';
import type { SessionEvent } from '../../src/core/events.js';
import type { RealtimeSession, SessionCapabilities } from '../../src/core/session.js';
import { createEmitter } from '../../src/core/emitter.js';

/** A scripted session that records every call (the agents-realtime FakeTransport idea). */
export class FakeSession implements RealtimeSession {
  readonly provider = 'openai' as const;
  readonly capabilities: SessionCapabilities = {
    inputSampleRate: 24000,
    outputSampleRate: 24000,
    serverVad: true,
    semanticVad: true,
    inputTranscription: true,
    canTruncate: true,
    resumable: false,
  };
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly #events = createEmitter<SessionEvent>();
  #record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
  }
  connect(): Promise<void> {
    this.#record('connect');
    return Promise.resolve();
  }
  sendAudio(pcm: Int16Array): void {
    this.#record('sendAudio', pcm.length);
  }
  startInput(): void {
    this.#record('startInput');
  }
  commitInput(): void {
    this.#record('commitInput');
  }
  sendText(text: string): void {
    this.#record('sendText', text);
  }
  cancelResponse(): void {
    this.#record('cancelResponse');
  }
  truncate(responseId: string, heardMs: number): void {
    this.#record('truncate', responseId, heardMs);
  }
  sendToolResult(callId: string, output: string, options?: { respond: boolean }): void {
    this.#record('sendToolResult', callId, output, options);
  }
  subscribe(listener: (event: SessionEvent) => void): () => void {
    return this.#events.subscribe(listener);
  }
  close(): Promise<void> {
    this.#record('close');
    return Promise.resolve();
  }
  emit(event: SessionEvent): void {
    this.#events.emit(event);
  }
  methods(): string[] {
    return this.calls.map((c) => c.method).filter((m) => m !== 'sendAudio');
  }
}

/** An engine whose player position the test sets; records plays and flushes. */
export class FakeEngine implements AudioEngine {
  readonly played: { responseId: string; samples: number }[] = [];
  flushes = 0;
  muted = false;
  /** What flush() will report for each response. */
  position = new Map<string, number>();
  readonly #frames = createEmitter<Int16Array>();
  readonly #started = createEmitter<string>();
  readonly #levels = createEmitter<{ input: AudioLevels; output: AudioLevels }>();
  readonly #errors = createEmitter<EngineFailure>();
  readonly #playedAudio = createEmitter<{ pcm: Int16Array; responseId: string }>();
  #received = new Map<string, number>();
  start(): Promise<void> {
    return Promise.resolve();
  }
  onFrame(listener: (pcm: Int16Array) => void): () => void {
    return this.#frames.subscribe(listener);
  }
  onLevels(listener: (levels: { input: AudioLevels; output: AudioLevels }) => void): () => void {
    return this.#levels.subscribe(listener);
  }
  onPlayed(listener: (pcm: Int16Array, responseId: string) => void): () => void {
    return this.#playedAudio.subscribe(({ pcm, responseId }) => listener(pcm, responseId));
  }
  onPlaybackStarted(listener: (responseId: string) => void): () => void {
    return this.#started.subscribe(listener);
  }
  onError(listener: (failure: EngineFailure) => void): () => void {
    return this.#errors.subscribe(listener);
  }
  /** Reports an engine failure, as a crashed or given-up audio process would. */
  fail(error: VoicechatError, final: boolean): void {
    this.#errors.emit({ error, final });
  }
  play(pcm: Int16Array, responseId: string): void {
    this.played.push({ responseId, samples: pcm.length });
    this.#received.set(responseId, (this.#received.get(responseId) ?? 0) + pcm.length);
  }
  flush(): PlaybackReport[] {
    this.flushes += 1;
    const out = [...this.#received].map(([responseId, samples]) => ({
      responseId,
      receivedMs: samples / 24,
      playedMs: this.position.get(responseId) ?? 0,
    }));
    this.#received = new Map();
    return out;
  }
  playedMs(responseId: string): number {
    return this.position.get(responseId) ?? 0;
  }
  setMuted(muted: boolean): void {
    this.muted = muted;
  }
  drain(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
  mic(pcm: Int16Array): void {
    this.#frames.emit(pcm);
  }
  /** Reports audio as heard (what a real engine emits as the playhead passes it). */
  hear(pcm: Int16Array, responseId: string): void {
    this.#playedAudio.emit({ pcm, responseId });
  }
  level(inputRmsDb: number): void {
    this.#levels.emit({ input: { rmsDb: inputRmsDb, peakDb: inputRmsDb + 6 }, output: { rmsDb: -100, peakDb: -100 } });
  }
  startPlaying(responseId: string): void {
    this.#started.emit(responseId);
  }
}
