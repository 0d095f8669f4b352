import { AudioGaveUpError } from './host-errors.js';
import { assertNever } from '../core/assert-never.js';
import { createEmitter } from '../core/emitter.js';
import type { VoicechatError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { AudioLevels } from './engine-types.js';
import type { HostSpawner } from './backend/host-spawner.js';
import { spawnHost, type HostClient, type HostClientOptions } from './host-client.js';
import type { HostConfig } from './host/protocol.js';
import { PlaybackTimeline } from './playback-timeline.js';
import { wallClockMs, waitUntil, type PlaybackSink } from './sink.js';

export interface DeviceSinkOptions {
  device: string | undefined;
  sampleRate: number;
  frameMs: number;
  prebufferMs: number;
  maxQueue: number;
  /** Device/server buffering after naudiodon's callback (PulseAudio's share); see playback-timeline. */
  outputLatencyMs: number;
  /** Keep a second player ready so output resumes at once after a flush. */
  warmSpare: boolean;
  /** Silence while idle: the output never stalls (see HostConfig.keepFed). */
  keepFed?: boolean;
  logger: Logger;
  onSpawn?: HostClientOptions['onSpawn'];
  /** The backend's player (default: the PortAudio host process). */
  spawn?: HostSpawner;
}

const MAX_RESPAWNS = 3;
const RESPAWN_WINDOW_MS = 10_000;

/**
 * Plays through a player host process. Barge-in = SIGKILL of that process (the only way to
 * silence PortAudio at once) and promotion of a warm spare whose stream is already open; audio
 * arriving while no player is ready waits here. Each player generation has its own timeline.
 */
export class DeviceSink implements PlaybackSink {
  #active: HostClient | undefined;
  #spare: HostClient | undefined;
  #timeline: PlaybackTimeline;
  readonly #pending: { pcm: Int16Array; responseId: string }[] = [];
  #sentSamples = 0;
  #acceptedAudioSamples = 0;
  readonly #base = new Map<string, number>();
  readonly #announced = new Set<string>();
  readonly #started = createEmitter<string>();
  readonly #levels = createEmitter<AudioLevels>();
  readonly #errors = createEmitter<VoicechatError>();
  #respawns: number[] = [];
  #isStopped = false;
  #hasStarted = false;
  readonly sampleRate: number;

  constructor(private readonly options: DeviceSinkOptions) {
    this.sampleRate = options.sampleRate;
    this.#timeline = this.#newTimeline();
  }

  async start(): Promise<void> {
    this.#active = this.#spawnPlayer();
    await this.#active.ready;
    this.#hasStarted = true;
    if (this.options.warmSpare) this.#spare = this.#spawnPlayer();
  }

  write(pcm: Int16Array, responseId: string): void {
    if (this.#isStopped || pcm.length === 0) return;
    if (this.#active?.isReady === true && this.#pending.length === 0) this.#send(this.#active, pcm, responseId);
    else this.#pending.push({ pcm, responseId });
  }

  flush(): Map<string, number> {
    const now = wallClockMs();
    const played = new Map<string, number>();
    for (const id of this.#timeline.responseIds()) {
      const samples = this.playedSamples(id, now);
      played.set(id, samples);
      this.#base.set(id, samples);
    }
    for (const p of this.#pending)
      if (!played.has(p.responseId)) played.set(p.responseId, this.playedSamples(p.responseId, now));
    this.#pending.length = 0;
    const isSilent = this.#sentSamples === this.#acceptedAudioSamples && this.#timeline.isDrained(now);
    if (!isSilent) this.#replaceActive();
    return played;
  }

  playedSamples(responseId: string, nowMs = wallClockMs()): number {
    return (this.#base.get(responseId) ?? 0) + this.#timeline.playedSamples(responseId, nowMs);
  }

  drain(): Promise<void> {
    this.#active?.send({ type: 'end' });
    return waitUntil(
      () =>
        this.#isStopped ||
        (this.#pending.length === 0 &&
          this.#sentSamples === this.#acceptedAudioSamples &&
          this.#timeline.isDrained(wallClockMs())),
    );
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    this.#pending.length = 0;
    const players = [this.#active, this.#spare];
    this.#active = undefined;
    this.#spare = undefined;
    // nothing queued matters any more: a kill is instant and cannot hang like quit()
    for (const p of players) p?.kill();
    await Promise.resolve();
  }

  onStarted = (listener: (responseId: string) => void): (() => void) => this.#started.subscribe(listener);
  onLevels = (listener: (levels: AudioLevels) => void): (() => void) => this.#levels.subscribe(listener);
  onError = (listener: (error: VoicechatError) => void): (() => void) => this.#errors.subscribe(listener);

  /**
   * Kill the playing process (silence in ~4 ms) and promote the warm spare, or start a new
   * player; audio arriving before it is ready waits in `pending`.
   */
  #replaceActive(): void {
    this.#active?.kill();
    this.#active = this.#spare;
    this.#spare = undefined;
    // spawning takes 5-10 ms of synchronous fork: keep it out of the barge-in tick
    setImmediate(() => {
      if (this.#isStopped) return;
      this.#active ??= this.#spawnPlayer();
      if (this.options.warmSpare && this.#spare === undefined) this.#spare = this.#spawnPlayer();
    });
    this.#timeline = this.#newTimeline();
    this.#sentSamples = 0;
    this.#acceptedAudioSamples = 0;
  }

  #newTimeline(): PlaybackTimeline {
    const chunkSamples = Math.round((this.options.frameMs * this.sampleRate) / 1000);
    return new PlaybackTimeline({
      sampleRate: this.sampleRate,
      outputLatencyMs: this.options.outputLatencyMs,
      // the native queue plus the chunk the callback is playing
      maxInFlightSamples: (this.options.maxQueue + 1) * chunkSamples,
    });
  }

  #send(player: HostClient, pcm: Int16Array, responseId: string): void {
    player.send({ type: 'pcm', responseId }, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    this.#sentSamples += pcm.length;
  }

  #spawnPlayer(): HostClient {
    const config: HostConfig = {
      role: 'player',
      device: this.options.device,
      sampleRate: this.sampleRate,
      frameMs: this.options.frameMs,
      prebufferMs: this.options.prebufferMs,
      maxQueue: this.options.maxQueue,
      keepFed: this.options.keepFed ?? false,
    };
    const player = (this.options.spawn ?? spawnHost)({
      config,
      logger: this.options.logger,
      onSpawn: this.options.onSpawn,
    });
    player.onMessage((message) => {
      if (player !== this.#active) return;
      switch (message.type) {
        case 'accepted':
          for (const a of message.accepts) this.#onAccepted(a.atMs, a.chunkSamples, a.parts);
          if (message.levels !== undefined) this.#levels.emit(message.levels);
          return;
        case 'position':
          this.#timeline.observe(message.atMs, message.playedSamples);
          return;
        case 'frame':
        case 'ready':
        case 'heartbeat':
        case 'devices':
        case 'error':
          return; // readiness, liveness and errors are handled by the host client
        default:
          assertNever(message, 'player message');
      }
    });
    void player.ready.then(
      () => {
        if (player === this.#active) this.#sendPending();
      },
      (error: VoicechatError) => this.#onPlayerFailed(player, error),
    );
    player.onError((error) => this.#onPlayerFailed(player, error));
    return player;
  }

  #onAccepted(atMs: number, chunkSamples: number, parts: { responseId: string; samples: number }[]): void {
    const startBefore = this.#timeline.acceptedSamples;
    this.#timeline.accept(atMs, chunkSamples, parts);
    let offset = startBefore;
    for (const part of parts) {
      this.#acceptedAudioSamples += part.samples;
      if (!this.#announced.has(part.responseId)) {
        this.#announced.add(part.responseId);
        const waitMs = ((offset - this.#timeline.heardSamples(wallClockMs())) * 1000) / this.sampleRate;
        const id = part.responseId;
        setTimeout(() => this.#started.emit(id), Math.max(0, waitMs + this.options.outputLatencyMs));
      }
      offset += part.samples;
    }
  }

  #sendPending(): void {
    const player = this.#active;
    if (player === undefined) return;
    for (const p of this.#pending.splice(0)) this.#send(player, p.pcm, p.responseId);
  }

  #onPlayerFailed(player: HostClient, error: VoicechatError): void {
    if (this.#isStopped || !this.#hasStarted) return;
    if (player === this.#spare) {
      this.#spare = undefined;
      if (!this.#canRespawn()) return;
      this.#spare = this.#spawnPlayer();
      return;
    }
    if (player !== this.#active) return; // killed on purpose by a flush
    this.#active = undefined;
    if (!this.#canRespawn()) {
      this.#errors.emit(new AudioGaveUpError('player', error));
      return;
    }
    this.#errors.emit(error);
    this.#replaceActive();
  }

  #canRespawn(): boolean {
    const now = Date.now();
    this.#respawns = this.#respawns.filter((t) => now - t < RESPAWN_WINDOW_MS);
    if (this.#respawns.length >= MAX_RESPAWNS) return false;
    this.#respawns.push(now);
    return true;
  }
}
