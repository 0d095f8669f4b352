/** Emits one run of played audio, at the session output rate. */
export type PlayedEmit = (pcm: Int16Array, responseId: string) => void;

interface Pending {
  responseId: string;
  pcm: Int16Array;
}

interface Offset {
  /** Sink-rate position of the response when the playhead was last re-based (flush). */
  sinkSamples: number;
  /** Session-rate samples of the response consumed (emitted or dropped) at that point. */
  sessionSamples: number;
}

/**
 * Follows the player's position and hands out the session-rate audio the listener has actually
 * heard, in order. Audio dropped by a flush is never emitted. Pure: positions come in as
 * arguments (sink samples played per response, cumulative across flushes, as the sinks report).
 */
export class PlayedTap {
  readonly #pending: Pending[] = [];
  readonly #consumed = new Map<string, number>();
  readonly #offsets = new Map<string, Offset>();

  readonly #sessionRate: number;
  readonly #sinkRate: number;
  constructor(sessionRate: number, sinkRate: number) {
    this.#sessionRate = sessionRate;
    this.#sinkRate = sinkRate;
  }

  get pendingSamples(): number {
    return this.#pending.reduce((n, p) => n + p.pcm.length, 0);
  }

  push(pcm: Int16Array, responseId: string): void {
    if (pcm.length > 0) this.#pending.push({ responseId, pcm });
  }

  /** Emits everything up to each response's current play position. */
  advance(playedSinkSamples: (responseId: string) => number, emit: PlayedEmit): void {
    if (this.#pending.length === 0) return;
    const budget = new Map<string, number>();
    for (const p of this.#pending) {
      if (budget.has(p.responseId)) continue;
      const target = this.#targetFor(p.responseId, playedSinkSamples(p.responseId));
      budget.set(p.responseId, target - (this.#consumed.get(p.responseId) ?? 0));
    }
    this.#take(budget, emit);
  }

  /** Everything pushed has been played (the sink drained): emit the rest. */
  emitAll(emit: PlayedEmit): void {
    const budget = new Map<string, number>();
    for (const p of this.#pending) budget.set(p.responseId, Number.POSITIVE_INFINITY);
    this.#take(budget, emit);
  }

  /**
   * The player dropped what it had not played: emit up to the positions `played` reports (sink
   * samples per response), discard the rest, and re-base each response on its new position.
   */
  flush(played: ReadonlyMap<string, number>, emit: PlayedEmit): void {
    const budget = new Map<string, number>();
    for (const [id, sinkSamples] of played) {
      budget.set(id, this.#targetFor(id, sinkSamples) - (this.#consumed.get(id) ?? 0));
    }
    this.#take(budget, emit);
    for (const p of this.#pending.splice(0)) {
      this.#consumed.set(p.responseId, (this.#consumed.get(p.responseId) ?? 0) + p.pcm.length);
    }
    for (const [id, sinkSamples] of played) {
      this.#offsets.set(id, { sinkSamples, sessionSamples: this.#consumed.get(id) ?? 0 });
    }
  }

  #targetFor(responseId: string, playedSink: number): number {
    const offset = this.#offsets.get(responseId) ?? { sinkSamples: 0, sessionSamples: 0 };
    const sinceSink = Math.max(0, playedSink - offset.sinkSamples);
    return offset.sessionSamples + Math.floor((sinceSink * this.#sessionRate) / this.#sinkRate);
  }

  /** Emits pending audio in arrival order, each response limited by its budget (session samples). */
  #take(budget: Map<string, number>, emit: PlayedEmit): void {
    let i = 0;
    while (i < this.#pending.length) {
      const head = this.#pending[i];
      if (head === undefined) break;
      const allowed = budget.get(head.responseId) ?? 0;
      if (allowed <= 0) {
        i++;
        continue;
      }
      const n = Math.min(head.pcm.length, allowed);
      budget.set(head.responseId, allowed - n);
      this.#consumed.set(head.responseId, (this.#consumed.get(head.responseId) ?? 0) + n);
      emit(head.pcm.subarray(0, n), head.responseId);
      if (n === head.pcm.length) this.#pending.splice(i, 1);
      else {
        head.pcm = head.pcm.subarray(n);
        i++;
      }
    }
  }
}
