import type { ModelPrice, PriceTable } from '../../core/prices.js';

/**
 * OpenAI Realtime prices in USD per 1M tokens, from each model's page on developers.openai.com
 * (stored copies read through the team's search tool on 2026-12-01; the copies carry no date).
 * gpt-realtime and gpt-realtime-mini are absent on purpose: no stored copy of their pages gave
 * the full figures, and an unpriced model shows tokens rather than a guess. Azure deployments
 * are named by the user, so they are priced only through the `prices` config key.
 */
const READ_ON = '2026-12-01';
const page = (model: string): ModelPrice['source'] => ({
  url: `https://developers.openai.com/api/docs/models/${model}`,
  readOn: READ_ON,
});

export const OPENAI_REALTIME_PRICES: PriceTable = {
  'gpt-realtime-1.5': {
    textInputUsd: 4,
    textCachedInputUsd: 0.4,
    textOutputUsd: 16,
    audioInputUsd: 32,
    audioCachedInputUsd: 0.4,
    audioOutputUsd: 64,
    source: page('gpt-realtime-1.5'),
  },
  'gpt-realtime-2': {
    textInputUsd: 4,
    textCachedInputUsd: 0.4,
    textOutputUsd: 24,
    audioInputUsd: 32,
    audioCachedInputUsd: 0.4,
    audioOutputUsd: 64,
    source: page('gpt-realtime-2'),
  },
  // read from the zh-Hans, ja-JP and ko-KR copies of the same official page (identical figures)
  'gpt-realtime-2.1': {
    textInputUsd: 4,
    textCachedInputUsd: 0.4,
    textOutputUsd: 24,
    audioInputUsd: 32,
    audioCachedInputUsd: 0.4,
    audioOutputUsd: 64,
    source: page('gpt-realtime-2.1'),
  },
  'gpt-realtime-2.1-mini': {
    textInputUsd: 0.6,
    textCachedInputUsd: 0.06,
    textOutputUsd: 2.4,
    audioInputUsd: 10,
    audioCachedInputUsd: 0.3,
    audioOutputUsd: 20,
    source: page('gpt-realtime-2.1-mini'),
  },
  // the page marks the model "Shut down"; kept for recordings and gateways that still name it
  'gpt-4o-realtime-preview': {
    textInputUsd: 5,
    textCachedInputUsd: 2.5,
    textOutputUsd: 20,
    audioInputUsd: 40,
    audioCachedInputUsd: 2.5,
    audioOutputUsd: 80,
    source: page('gpt-4o-realtime-preview'),
  },
  'gpt-4o-mini-realtime-preview': {
    textInputUsd: 0.6,
    textCachedInputUsd: 0.3,
    textOutputUsd: 2.4,
    audioInputUsd: 10,
    audioCachedInputUsd: 0.3,
    audioOutputUsd: 20,
    source: page('gpt-4o-mini-realtime-preview'),
  },
};
