import { AudioGaveUpError } from './host-errors.js';
import { assertNever } from '../core/assert-never.js';
import { createEmitter } from '../core/emitter.js';
import type { VoicechatError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { FrameChunker, samplesFor } from './chunker.js';
import type { AudioLevels } from './engine-types.js';
import type { HostSpawner } from './backend/host-spawner.js';
import { spawnHost, type HostClient, type HostClientOptions } from './host-client.js';
import { bytesToPcm } from './host/protocol.js';
import type { Resampler } from './resampler.js';
import type { CaptureSource } from './sink.js';

export interface DeviceSourceOptions {
  device: string | undefined;
  deviceRate: number;
  frameMs: number;
  /** deviceRate -> session input rate. */
  resampler: Resampler;
  logger: Logger;
  onSpawn?: HostClientOptions['onSpawn'];
  /** The backend's capture (default: the PortAudio host process). */
  spawn?: HostSpawner;
}

const MAX_RESPAWNS = 3;

/** The microphone through a capture host process; frames are resampled and re-framed here. */
export class DeviceSource implements CaptureSource {
  #host: HostClient | undefined;
  readonly #chunker: FrameChunker;
  readonly #frames = createEmitter<Int16Array>();
  readonly #levels = createEmitter<AudioLevels>();
  readonly #errors = createEmitter<VoicechatError>();
  #isMuted = false;
  #isStopped = false;
  #respawns = 0;

  constructor(private readonly options: DeviceSourceOptions) {
    this.#chunker = new FrameChunker(samplesFor(options.frameMs, options.resampler.outRate));
  }

  async start(): Promise<void> {
    this.#host = this.#spawn();
    await this.#host.ready;
  }

  setMuted(muted: boolean): void {
    this.#isMuted = muted;
    this.#host?.send({ type: 'mute', muted });
  }

  async stop(): Promise<void> {
    this.#isStopped = true;
    const host = this.#host;
    this.#host = undefined;
    await host?.quit();
  }

  onFrame = (listener: (pcm: Int16Array) => void): (() => void) => this.#frames.subscribe(listener);
  onLevels = (listener: (levels: AudioLevels) => void): (() => void) => this.#levels.subscribe(listener);
  onError = (listener: (error: VoicechatError) => void): (() => void) => this.#errors.subscribe(listener);

  #spawn(): HostClient {
    const host = (this.options.spawn ?? spawnHost)({
      config: {
        role: 'capture',
        device: this.options.device,
        sampleRate: this.options.deviceRate,
        frameMs: this.options.frameMs,
        prebufferMs: 0,
        maxQueue: 8,
      },
      logger: this.options.logger,
      onSpawn: this.options.onSpawn,
    });
    host.onMessage((message, payload) => {
      switch (message.type) {
        case 'frame':
          for (const frame of this.#chunker.push(this.options.resampler.process(bytesToPcm(payload)))) {
            this.#frames.emit(frame);
          }
          if (message.levels !== undefined) this.#levels.emit(message.levels);
          return;
        case 'accepted':
        case 'position':
        case 'ready':
        case 'heartbeat':
        case 'devices':
        case 'error':
          return; // readiness, liveness and errors are handled by the host client
        default:
          assertNever(message, 'capture message');
      }
    });
    host.ready.then(
      () => {
        if (this.#isMuted) host.send({ type: 'mute', muted: true });
      },
      () => {}, // start() or onError reports it
    );
    host.onError((error) => {
      if (this.#isStopped || host !== this.#host) return;
      if (this.#respawns >= MAX_RESPAWNS) {
        this.#errors.emit(new AudioGaveUpError('capture', error));
        return;
      }
      this.#errors.emit(error);
      this.#respawns++;
      this.options.logger.warn(`respawning the audio capture process after: ${error.message}`);
      this.#host = this.#spawn();
      this.#host.ready.then(
        () => (this.#respawns = 0),
        (e: VoicechatError) => this.#errors.emit(e),
      );
    });
    return host;
  }
}
