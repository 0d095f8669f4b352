import { createEmitter } from '../core/emitter.js';
import type { VoicechatError } from '../core/errors.js';
import { samplesFor } from './chunker.js';
import type { AudioLevels } from './engine-types.js';
import { LevelWindow } from './meter.js';
import { createResampler } from './resampler.js';
import { wallClockMs, type CaptureSource } from './sink.js';
import { readWavFile } from './wav.js';

/** A WAV file as the microphone: frames paced in real time, then silence until stopped. */
export class FileSource implements CaptureSource {
  #pcm: Int16Array = new Int16Array(0);
  #sentFrames = 0;
  #startedMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #isMuted = false;
  readonly #frameSamples: number;
  readonly #levelWindow = new LevelWindow(50);
  readonly #frames = createEmitter<Int16Array>();
  readonly #levels = createEmitter<AudioLevels>();
  readonly #errors = createEmitter<VoicechatError>();

  readonly #path: string;
  readonly #sampleRate: number;
  readonly #frameMs: number;
  constructor(path: string, sampleRate: number, frameMs: number) {
    this.#path = path;
    this.#sampleRate = sampleRate;
    this.#frameMs = frameMs;
    this.#frameSamples = samplesFor(frameMs, sampleRate);
  }

  async start(): Promise<void> {
    const wav = readWavFile(this.#path);
    const resampler = await createResampler(wav.sampleRate, this.#sampleRate);
    this.#pcm = resampler.process(wav.pcm);
    this.#startedMs = wallClockMs();
    this.#timer = setInterval(() => this.#tick(), this.#frameMs);
  }

  setMuted(muted: boolean): void {
    this.#isMuted = muted;
  }

  stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    return Promise.resolve();
  }

  onFrame = (listener: (pcm: Int16Array) => void): (() => void) => this.#frames.subscribe(listener);
  onLevels = (listener: (levels: AudioLevels) => void): (() => void) => this.#levels.subscribe(listener);
  onError = (listener: (error: VoicechatError) => void): (() => void) => this.#errors.subscribe(listener);

  /** Catches up on every frame that is due, so a late timer never slows the file down. */
  #tick(): void {
    const dueFrames = Math.floor((wallClockMs() - this.#startedMs) / this.#frameMs);
    while (this.#sentFrames < dueFrames) {
      const start = this.#sentFrames * this.#frameSamples;
      const frame = new Int16Array(this.#frameSamples);
      if (!this.#isMuted && start < this.#pcm.length) frame.set(this.#pcm.subarray(start, start + this.#frameSamples));
      this.#sentFrames++;
      this.#levelWindow.add(frame);
      this.#frames.emit(frame);
    }
    const level = this.#levelWindow.take(wallClockMs());
    if (level !== undefined) this.#levels.emit(level);
  }
}
