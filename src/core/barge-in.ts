import type { PlaybackReport } from '../audio/engine-types.js';

/** Why the assistant is being cut off. */
export type InterruptCause = 'user-speech' | 'provider-interrupted' | 'user-text' | 'push-to-talk' | 'user-key';

export interface Truncation {
  responseId: string;
  /** What the user actually heard: the player's position, never more than was received. */
  heardMs: number;
  receivedMs: number;
}

/** Which responses to truncate after a flush, and to where. Pure. */
export function truncationsFrom(reports: readonly PlaybackReport[]): Truncation[] {
  return reports.flatMap((r) => {
    const heardMs = Math.max(0, Math.min(Math.floor(r.playedMs), Math.floor(r.receivedMs)));
    return heardMs < Math.floor(r.receivedMs) ? [{ responseId: r.responseId, heardMs, receivedMs: r.receivedMs }] : [];
  });
}

/**
 * Server VAD providers cancel the response themselves when the user speaks; everything else
 * (typing, push-to-talk, a key, Gemini's own interruption) needs an explicit cancel, if the
 * response is still being generated.
 */
export function needsCancel(cause: InterruptCause, responseGenerating: boolean): boolean {
  if (!responseGenerating) return false;
  switch (cause) {
    case 'user-speech':
    case 'provider-interrupted':
      return false;
    case 'user-text':
    case 'push-to-talk':
    case 'user-key':
      return true;
  }
}

/** Remembers cut-off responses so their late audio is dropped, bounded in size. */
export class CancelledResponses {
  readonly #ids: string[] = [];
  constructor(private readonly capacity = 64) {}
  add(id: string): void {
    if (this.#ids.includes(id)) return;
    this.#ids.push(id);
    if (this.#ids.length > this.capacity) this.#ids.shift();
  }
  has(id: string): boolean {
    return this.#ids.includes(id);
  }
}
