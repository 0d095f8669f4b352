import { createEmitter } from '../core/emitter.js';
import type { VoicechatError } from '../core/errors.js';
import type { AudioLevels } from './engine-types.js';
import { LevelWindow } from './meter.js';
import { PlaybackTimeline } from './playback-timeline.js';
import { wallClockMs, waitUntil, type PlaybackSink } from './sink.js';
import { WavFileWriter } from './wav.js';

const TICK_MS = 20;

/**
 * A clocked virtual player writing a WAV at the session output rate. Audio "plays" in real time
 * from when it arrives, so flush() truncates exactly what a speaker would not have played yet:
 * headless tests of barge-in see device semantics. Gaps between responses are not written.
 */
export class FileSink implements PlaybackSink {
  #timeline: PlaybackTimeline;
  readonly #started = createEmitter<string>();
  readonly #levels = createEmitter<AudioLevels>();
  readonly #errors = createEmitter<VoicechatError>();
  readonly #levelWindow = new LevelWindow(50);
  readonly #unwritten: { pcm: Int16Array; responseId: string }[] = [];
  readonly #announced = new Set<string>();
  #writer: WavFileWriter | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Stream position already written to the file, or dropped by a flush. */
  #writtenTo = 0;
  readonly #flushedPlayed = new Map<string, number>();

  readonly #path: string | undefined;
  constructor(
    path: string | undefined,
    readonly sampleRate: number,
  ) {
    this.#path = path;
    this.#timeline = this.#newTimeline();
  }

  #newTimeline(): PlaybackTimeline {
    return new PlaybackTimeline({
      sampleRate: this.sampleRate,
      outputLatencyMs: 0,
      maxInFlightSamples: Number.POSITIVE_INFINITY,
    });
  }

  start(): Promise<void> {
    if (this.#path !== undefined) this.#writer = new WavFileWriter(this.#path, this.sampleRate);
    this.#timer = setInterval(() => this.#advance(wallClockMs()), TICK_MS);
    this.#timer.unref();
    return Promise.resolve();
  }

  write(pcm: Int16Array, responseId: string): void {
    if (pcm.length === 0) return;
    const now = wallClockMs();
    this.#advance(now);
    this.#timeline.accept(now, pcm.length, [{ responseId, samples: pcm.length }]);
    this.#unwritten.push({ pcm, responseId });
  }

  flush(): Map<string, number> {
    const now = wallClockMs();
    this.#advance(now);
    const played = new Map<string, number>();
    for (const id of this.#timeline.responseIds()) {
      const samples = this.playedSamples(id, now);
      played.set(id, samples);
      this.#flushedPlayed.set(id, samples);
    }
    // what the playhead had not reached is never written: a new timeline starts from silence
    this.#unwritten.length = 0;
    this.#timeline = this.#newTimeline();
    this.#writtenTo = 0;
    return played;
  }

  playedSamples(responseId: string, nowMs = wallClockMs()): number {
    return (this.#flushedPlayed.get(responseId) ?? 0) + this.#timeline.playedSamples(responseId, nowMs);
  }

  drain(): Promise<void> {
    return waitUntil(() => {
      this.#advance(wallClockMs());
      return this.#unwritten.length === 0;
    }, TICK_MS);
  }

  stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#advance(wallClockMs());
    this.#writer?.close();
    return Promise.resolve();
  }

  onStarted = (listener: (responseId: string) => void): (() => void) => this.#started.subscribe(listener);
  onLevels = (listener: (levels: AudioLevels) => void): (() => void) => this.#levels.subscribe(listener);
  onError = (listener: (error: VoicechatError) => void): (() => void) => this.#errors.subscribe(listener);

  /** Writes out everything the virtual playhead has passed. */
  #advance(nowMs: number): void {
    const heard = this.#timeline.heardSamples(nowMs);
    while (this.#writtenTo < heard) {
      const head = this.#unwritten[0];
      if (head === undefined) break;
      const take = Math.min(head.pcm.length, heard - this.#writtenTo);
      const slice = head.pcm.subarray(0, take);
      if (!this.#announced.has(head.responseId)) {
        this.#announced.add(head.responseId);
        this.#started.emit(head.responseId);
      }
      this.#writer?.write(slice);
      this.#levelWindow.add(slice);
      this.#writtenTo += take;
      if (take === head.pcm.length) this.#unwritten.shift();
      else head.pcm = head.pcm.subarray(take);
    }
    const level = this.#levelWindow.take(nowMs);
    if (level !== undefined) this.#levels.emit(level);
  }
}
