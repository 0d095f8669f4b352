import type { Usage } from './events.js';
import { costOfUsageUsd, type ModelPrice } from './prices.js';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  inputAudioTokens: number;
  outputAudioTokens: number;
  cachedTokens: number;
  cachedAudioTokens: number;
}

export interface TurnCost {
  usage: Usage;
  /** Undefined when the model has no price: tokens are shown, never a guessed cost. */
  costUsd: number | undefined;
}

export interface UsageSnapshot {
  turns: number;
  totals: UsageTotals;
  costUsd: number | undefined;
}

const ZERO: UsageTotals = {
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  inputAudioTokens: 0,
  outputAudioTokens: 0,
  cachedTokens: 0,
  cachedAudioTokens: 0,
};

/**
 * Running totals of one session's usage reports (one per response). Every report bills the
 * whole conversation so far, so the session's cost is the plain sum. Pure, no I/O.
 */
export class UsageMeter {
  readonly #price: ModelPrice | undefined;
  #turns = 0;
  #totals: UsageTotals = { ...ZERO };
  #costUsd = 0;

  constructor(price: ModelPrice | undefined) {
    this.#price = price;
  }

  get priced(): boolean {
    return this.#price !== undefined;
  }

  add(usage: Usage): TurnCost {
    this.#turns += 1;
    const t = this.#totals;
    t.inputTokens += usage.inputTokens;
    t.outputTokens += usage.outputTokens;
    t.totalTokens += usage.totalTokens;
    t.inputAudioTokens += usage.inputAudioTokens ?? 0;
    t.outputAudioTokens += usage.outputAudioTokens ?? 0;
    t.cachedTokens += usage.cachedTokens ?? 0;
    t.cachedAudioTokens += usage.cachedAudioTokens ?? 0;
    const costUsd = this.#price === undefined ? undefined : costOfUsageUsd(usage, this.#price);
    if (costUsd !== undefined) this.#costUsd += costUsd;
    return { usage, costUsd };
  }

  snapshot(): UsageSnapshot {
    return {
      turns: this.#turns,
      totals: { ...this.#totals },
      costUsd: this.#price === undefined ? undefined : this.#costUsd,
    };
  }
}

/** `$0.042`: three decimals below a dollar, cents above; never `$0.000` for a real cost. */
export function formatCostUsd(usd: number): string {
  if (usd > 0 && usd < 0.001) return '<$0.001';
  return usd < 1 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
}

function formatTokens(n: number): string {
  return n.toLocaleString('en-US');
}

/** Status bar: `1,234 tok · $0.042`, or `1,234 tok` for an unpriced model. */
export function formatUsageShort(snapshot: UsageSnapshot): string {
  const tokens = `${formatTokens(snapshot.totals.totalTokens)} tok`;
  return snapshot.costUsd === undefined ? tokens : `${tokens} · ${formatCostUsd(snapshot.costUsd)}`;
}

/** The exit summary line, next to the latency summary. */
export function formatUsageSummary(snapshot: UsageSnapshot, model: string): string {
  const t = snapshot.totals;
  const input = `${formatTokens(t.inputTokens)} in (${formatTokens(t.inputAudioTokens)} audio, ${formatTokens(t.cachedTokens)} cached)`;
  const output = `${formatTokens(t.outputTokens)} out (${formatTokens(t.outputAudioTokens)} audio)`;
  const cost =
    snapshot.costUsd === undefined
      ? `no price known for ${model} (add one with the prices config key)`
      : `estimated ${formatCostUsd(snapshot.costUsd)}`;
  return `usage: ${snapshot.turns} ${snapshot.turns === 1 ? 'reply' : 'replies'}, tokens ${input}, ${output}; ${cost}`;
}

/** The `--json` fields a `response.done` line gains. */
export function usageJson(turn: TurnCost): { usage: Usage; costUsd: number | null } {
  return { usage: turn.usage, costUsd: turn.costUsd === undefined ? null : roundUsd(turn.costUsd) };
}

/** Micro-dollar precision: enough for a turn, free of float noise in JSON. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 1_000_000) / 1_000_000;
}
