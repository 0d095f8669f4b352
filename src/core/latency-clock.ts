/**
 * Per-turn latency: end of user speech -> first reply audio received -> first sample played.
 * Pure bookkeeping; the caller supplies timestamps.
 */
export interface TurnLatency {
  /** End of user speech to first audio received from the provider. */
  firstAudioMs: number;
  /** End of user speech to the first sample played (what the user feels). */
  firstPlayedMs: number;
}

export interface LatencySummary {
  turns: number;
  p50Ms: number | undefined;
  p95Ms: number | undefined;
  last: TurnLatency | undefined;
}

export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export class LatencyClock {
  #speechEndAtMs: number | undefined;
  #firstAudioAtMs: number | undefined;
  #armed = false;
  readonly #turns: TurnLatency[] = [];

  /** The user finished talking (speech_stopped, commit, or a text sent). */
  userTurnEnded(atMs: number): void {
    this.#speechEndAtMs = atMs;
    this.#firstAudioAtMs = undefined;
    this.#armed = true;
  }

  /** A user turn has ended and its reply has not played yet. */
  get isArmed(): boolean {
    return this.#armed;
  }

  audioReceived(atMs: number): void {
    if (this.#armed && this.#firstAudioAtMs === undefined) this.#firstAudioAtMs = atMs;
  }

  /** Returns the completed measurement when this is the turn's first played sample. */
  audioPlayed(atMs: number): TurnLatency | undefined {
    if (!this.#armed || this.#speechEndAtMs === undefined) return undefined;
    this.#armed = false;
    const turn: TurnLatency = {
      firstAudioMs: (this.#firstAudioAtMs ?? atMs) - this.#speechEndAtMs,
      firstPlayedMs: atMs - this.#speechEndAtMs,
    };
    this.#turns.push(turn);
    return turn;
  }

  summary(): LatencySummary {
    const played = this.#turns.map((t) => t.firstPlayedMs).sort((a, b) => a - b);
    return {
      turns: this.#turns.length,
      p50Ms: percentile(played, 50),
      p95Ms: percentile(played, 95),
      last: this.#turns[this.#turns.length - 1],
    };
  }
}

export function formatLatencySummary(summary: LatencySummary): string {
  if (summary.turns === 0) return 'latency: no measured turns';
  const ms = (v: number | undefined): string => (v === undefined ? '-' : `${Math.round(v)} ms`);
  return `latency (end of speech -> first audio played): p50 ${ms(summary.p50Ms)}, p95 ${ms(summary.p95Ms)} over ${summary.turns} turn${summary.turns === 1 ? '' : 's'}`;
}
