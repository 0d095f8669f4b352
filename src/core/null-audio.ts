import type { ConversationAudio } from './audio-port.js';

const none = (): (() => void) => () => undefined;

/**
 * Audio for a conversation where nothing is heard or spoken (a one-shot text reply, or a reply
 * saved to a file): no microphone, and reply audio counts as played the moment it arrives, so
 * the controller's turn, playback and answer logic run unchanged.
 */
export class NullAudio implements ConversationAudio {
  #playbackStarted: ((responseId: string) => void)[] = [];
  readonly #started = new Set<string>();

  start(): Promise<void> {
    return Promise.resolve();
  }

  onFrame(): () => void {
    return none();
  }

  onLevels(): () => void {
    return none();
  }

  onPlaybackStarted(listener: (responseId: string) => void): () => void {
    this.#playbackStarted.push(listener);
    return () => {
      this.#playbackStarted = this.#playbackStarted.filter((l) => l !== listener);
    };
  }

  onError(): () => void {
    return none();
  }

  play(_pcm: Int16Array, responseId: string): void {
    if (this.#started.has(responseId)) return;
    this.#started.add(responseId);
    for (const listener of this.#playbackStarted) listener(responseId);
  }

  /** Nothing is ever pending, so nothing is cut off. */
  flush(): [] {
    return [];
  }

  setMuted(): void {}

  drain(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    this.#playbackStarted = [];
    return Promise.resolve();
  }
}
