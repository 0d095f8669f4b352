import type { Usage } from './events.js';

/** USD per 1 million tokens, as the providers publish them. */
export interface ModelPrice {
  textInputUsd: number;
  textOutputUsd: number;
  audioInputUsd: number;
  audioOutputUsd: number;
  /** Missing: cached tokens cost the full input price (never a guessed discount). */
  textCachedInputUsd?: number | undefined;
  audioCachedInputUsd?: number | undefined;
  /** Where the figures were read; absent for user overrides. */
  source?: PriceSource | undefined;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;
/** The `prices` config key, read by `parsePriceOverrides`. */
export type PriceOverrides = Readonly<Record<string, Partial<ModelPrice>>>;

export interface PriceSource {
  url: string;
  /** The date of the copy the figures come from, when the copy carries one. */
  copyDate?: string | undefined;
  /** When the copy was read. */
  readOn: string;
}

const PER_TOKEN = 1 / 1_000_000;

/**
 * The estimated cost of one usage report. Audio and cached tokens are the parts the provider
 * names; the rest of the input and output is text. Cached tokens with no audio split are
 * counted as text. Pure.
 */
export function costOfUsageUsd(usage: Usage, price: ModelPrice): number {
  const inputAudio = usage.inputAudioTokens ?? 0;
  const outputAudio = usage.outputAudioTokens ?? 0;
  const cached = usage.cachedTokens ?? 0;
  const cachedAudio = Math.min(usage.cachedAudioTokens ?? 0, inputAudio, cached);
  const cachedText = Math.max(0, cached - cachedAudio);
  const inputText = Math.max(0, usage.inputTokens - inputAudio);
  const outputText = Math.max(0, usage.outputTokens - outputAudio);
  const usd =
    Math.max(0, inputText - cachedText) * price.textInputUsd +
    cachedText * (price.textCachedInputUsd ?? price.textInputUsd) +
    (inputAudio - cachedAudio) * price.audioInputUsd +
    cachedAudio * (price.audioCachedInputUsd ?? price.audioInputUsd) +
    outputText * price.textOutputUsd +
    outputAudio * price.audioOutputUsd;
  return usd * PER_TOKEN;
}

/**
 * The names a model is priced under: the id as given, then without a `models/` or Vertex
 * resource prefix. A dated snapshot is not mapped to its alias: snapshots have been priced
 * differently (gpt-4o-realtime-preview-2024-10-01 vs -2024-12-17), and a guess is worse than none.
 */
export function priceKeys(model: string): string[] {
  const bare = model.trim().split('/').at(-1) ?? model.trim();
  return [...new Set([model.trim(), bare])];
}

/**
 * The price of a model: the user's `prices` entries first (they override or add models),
 * then the provider's table; undefined when neither knows it (tokens are shown, no price).
 */
export function findPrice(model: string, table: PriceTable, overrides: PriceOverrides = {}): ModelPrice | undefined {
  for (const key of priceKeys(model)) {
    const override = overrides[key];
    const listed = table[key];
    if (override !== undefined) {
      const merged = { ...listed, ...override, source: undefined };
      if (isComplete(merged)) return merged;
    }
    if (listed !== undefined) return listed;
  }
  return undefined;
}

function isComplete(price: Partial<ModelPrice>): price is ModelPrice {
  return REQUIRED.every((field) => typeof price[field] === 'number');
}

const FIELDS = [
  'textInputUsd',
  'textOutputUsd',
  'audioInputUsd',
  'audioOutputUsd',
  'textCachedInputUsd',
  'audioCachedInputUsd',
] as const;
type PriceField = (typeof FIELDS)[number];
const REQUIRED: readonly PriceField[] = ['textInputUsd', 'textOutputUsd', 'audioInputUsd', 'audioOutputUsd'];

/**
 * Reads the `prices` config key: `{ "<model>": { "audioInputUsd": 32, … } }` in USD per 1M
 * tokens. An entry for a model the provider tables do not know must give the four base
 * prices; one for a known model may give only what changes. Pure; problems in words.
 */
export function parsePriceOverrides(
  value: unknown,
  known: (model: string) => boolean,
): { prices: PriceOverrides; problems: string[] } {
  const prices: Record<string, Partial<ModelPrice>> = {};
  const problems: string[] = [];
  if (value === undefined) return { prices, problems };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { prices, problems: ['prices must be an object of model names to prices (USD per 1M tokens)'] };
  }
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`prices.${model} must be an object such as {"audioInputUsd": 32, "audioOutputUsd": 64}`);
      continue;
    }
    const parsed: Partial<Record<PriceField, number>> = {};
    for (const [field, raw] of Object.entries(entry as Record<string, unknown>)) {
      if (!(FIELDS as readonly string[]).includes(field)) {
        problems.push(`prices.${model}.${field} is not a price field (use ${FIELDS.join(', ')})`);
      } else if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
        problems.push(`prices.${model}.${field} must be a number >= 0 (USD per 1M tokens)`);
      } else parsed[field as PriceField] = raw;
    }
    const missing = REQUIRED.filter((field) => parsed[field] === undefined);
    if (!known(model) && missing.length > 0) {
      problems.push(`prices.${model} is a model voicechat has no price for; give ${missing.join(', ')} too`);
      continue;
    }
    prices[model] = parsed;
  }
  return { prices, problems };
}
