import type { PriceTable } from '../../core/prices.js';

/**
 * Gemini Live / Vertex Live prices (USD per 1M tokens). Empty on purpose: the stored copies of
 * https://ai.google.dev/gemini-api/docs/pricing and the Vertex AI pricing page available on
 * 2026-12-01 did not show the Live native-audio rows (only third-party restatements did), so
 * these models show tokens and no price until a figure is read from Google's own page or the
 * user adds one with the `prices` config key.
 */
export const GEMINI_LIVE_PRICES: PriceTable = {};
