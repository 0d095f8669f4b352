/**
 * `--max-cost`: when the running estimate passes the limit, the reply being spoken is allowed
 * to finish, then the session ends with exit 0 and a notice. Usage arrives with
 * `response.done`, so the decision is taken there and carried out when that reply's playback
 * ends. Pure state machine; the caller does the stopping.
 */
export type CostLimitAction =
  | { kind: 'continue' }
  /** Let `responseId` finish playing, then stop; show `notice` once. */
  | { kind: 'stop-after-reply'; responseId: string; notice: string };

export class CostLimit {
  readonly #maxUsd: number;
  #tripped: { responseId: string } | undefined;

  constructor(maxUsd: number) {
    if (!Number.isFinite(maxUsd) || maxUsd <= 0) throw new RangeError('maxUsd must be a positive number');
    this.#maxUsd = maxUsd;
  }

  /** After each `response.done` with usage: the session's estimate so far. */
  onResponseDone(responseId: string, totalUsd: number | undefined): CostLimitAction {
    if (this.#tripped !== undefined || totalUsd === undefined || totalUsd <= this.#maxUsd) return { kind: 'continue' };
    this.#tripped = { responseId };
    return {
      kind: 'stop-after-reply',
      responseId,
      notice: `Estimated cost $${totalUsd.toFixed(3)} passed --max-cost $${this.#maxUsd.toFixed(3)}; ending the session after this reply.`,
    };
  }

  /** True when the reply that tripped the limit has finished playing (or was cut off). */
  shouldStopNow(finishedResponseId: string): boolean {
    return this.#tripped?.responseId === finishedResponseId;
  }

  get tripped(): boolean {
    return this.#tripped !== undefined;
  }
}

/** Parses `--max-cost USD`; undefined for a bad value (the caller raises the usage error). */
export function parseMaxCostUsd(raw: string): number | undefined {
  const value = Number(raw.trim().replace(/^\$/, ''));
  return raw.trim() !== '' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The notice to show at start when `--max-cost` cannot work: the model has no price. */
export function maxCostWithoutPrice(model: string): string {
  return `--max-cost has no effect: no price is known for ${model}. Add one with the prices config key.`;
}
