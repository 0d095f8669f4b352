import type { PlaybackReport } from './audio-engine.js';
import { assertNever } from './assert-never.js';

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
 * Whether a response still being generated needs an explicit cancel: server VAD providers cancel
 * it themselves when the user speaks, and a provider that interrupted it has already stopped;
 * typing, push-to-talk and a key need one.
 */
export function needsCancel(cause: InterruptCause): boolean {
  switch (cause) {
    case 'user-speech':
    case 'provider-interrupted':
      return false;
    case 'user-text':
    case 'push-to-talk':
    case 'user-key':
      return true;
    default:
      return assertNever(cause, 'interrupt cause');
  }
}

/** Remembers cut-off responses so their late audio is dropped, bounded in size. */
export class CancelledResponses {
  readonly #ids: string[] = [];
  readonly #capacity: number;
  constructor(capacity = 64) {
    this.#capacity = capacity;
  }
  add(id: string): void {
    if (this.#ids.includes(id)) return;
    this.#ids.push(id);
    if (this.#ids.length > this.#capacity) this.#ids.shift();
  }
  has(id: string): boolean {
    return this.#ids.includes(id);
  }
}
