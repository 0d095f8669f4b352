import type { ServerSignal } from './map-server-event.js';

interface AudioItem {
  itemId: string;
  contentIndex: number;
  samples: number;
}

export interface Truncation {
  itemId: string;
  contentIndex: number;
  audioEndMs: number;
}

/** How much reply audio each response's item has delivered, to truncate it to what was heard. */
export class AudioItems {
  readonly #items = new Map<string, AudioItem>();

  add(signal: Extract<ServerSignal, { kind: 'audio.item' }>): void {
    const item = this.#items.get(signal.responseId);
    if (item === undefined || item.itemId !== signal.itemId) {
      this.#items.set(signal.responseId, {
        itemId: signal.itemId,
        contentIndex: signal.contentIndex,
        samples: signal.samples,
      });
    } else {
      item.samples += signal.samples;
    }
  }

  /** The cut for `heardMs`, clamped to the audio received; undefined when all of it was heard. */
  truncation(responseId: string, heardMs: number, sampleRate: number): Truncation | undefined {
    const item = this.#items.get(responseId);
    if (item === undefined) return undefined;
    const receivedMs = Math.floor((item.samples * 1000) / sampleRate);
    const audioEndMs = Math.max(0, Math.min(Math.floor(heardMs), receivedMs));
    // everything was heard: the model's context is already right
    if (audioEndMs >= receivedMs) return undefined;
    return { itemId: item.itemId, contentIndex: item.contentIndex, audioEndMs };
  }
}
