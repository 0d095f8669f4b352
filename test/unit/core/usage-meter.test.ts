import { describe, expect, it } from 'vitest';
import type { SessionEvent, Usage } from '../../../src/core/events.js';
import { CostLimit, maxCostWithoutPrice, parseMaxCostUsd } from '../../../src/core/cost-limit.js';
import { costOfUsageUsd, findPrice, parsePriceOverrides, type ModelPrice } from '../../../src/core/prices.js';
import {
  formatCostUsd,
  formatUsageShort,
  formatUsageSummary,
  UsageMeter,
  usageJson,
} from '../../../src/core/usage-meter.js';
import { mapServerEvent } from '../../../src/providers/openai-ga/map-server-event.js';
import { OPENAI_REALTIME_PRICES } from '../../../src/providers/openai-ga/prices.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';
import { loadBidiTrace } from '../../support/traces.js';

/** The usage of every response.done in a real recorded trace, through the real mapper. */
function traceUsages(name: string): Usage[] {
  return loadBidiTrace(name)
    .filter((line) => line.dir === 's2c')
    .flatMap((line) => mapServerEvent(line.event as Parameters<typeof mapServerEvent>[0]).events)
    .flatMap((e: SessionEvent) => (e.type === 'response.done' && e.usage !== undefined ? [e.usage] : []));
}

const GPT_REALTIME_2 = OPENAI_REALTIME_PRICES['gpt-realtime-2'] as ModelPrice;

describe('usage and cost from a real OpenAI trace (barge-in, two responses)', () => {
  const usages = traceUsages('openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected');

  it('the mapper reads audio, text and cached-audio details', () => {
    expect(usages).toHaveLength(2);
    expect(usages[0]).toEqual({
      inputTokens: 41,
      outputTokens: 37,
      totalTokens: 78,
      inputAudioTokens: 27,
      outputAudioTokens: 24,
      cachedTokens: 0,
      cachedAudioTokens: 0,
    });
  });

  it('prices each turn by modality and sums the session (hand-computed)', () => {
    const meter = new UsageMeter(GPT_REALTIME_2);
    const [first, second] = usages.map((u) => meter.add(u));
    // 14 text in x $4 + 27 audio in x $32 + 13 text out x $24 + 24 audio out x $64, per 1M
    expect(first?.costUsd).toBeCloseTo(2768e-6, 12);
    // 30 x 4 + 54 x 32 + 28 x 24 + 82 x 64
    expect(second?.costUsd).toBeCloseTo(7768e-6, 12);
    const snap = meter.snapshot();
    expect(snap.turns).toBe(2);
    expect(snap.totals).toMatchObject({ inputTokens: 125, outputTokens: 147, totalTokens: 272 });
    expect(snap.costUsd).toBeCloseTo(10536e-6, 12);
    expect(formatUsageShort(snap)).toBe('272 tok · $0.011');
    expect(usageJson(first!)).toEqual({ usage: usages[0], costUsd: 0.002768 });
  });

  it('an unknown model shows tokens and no price, never a guess', () => {
    const meter = new UsageMeter(findPrice('gpt-realtime', PROVIDER_CATALOGUE.get('openai').prices));
    const turn = meter.add(usages[0]!);
    expect(turn.costUsd).toBeUndefined();
    expect(meter.snapshot().costUsd).toBeUndefined();
    expect(formatUsageShort(meter.snapshot())).toBe('78 tok');
    expect(formatUsageSummary(meter.snapshot(), 'gpt-realtime')).toMatch(/no price known for gpt-realtime/);
    expect(usageJson(turn).costUsd).toBeNull();
  });
});

describe('cost arithmetic', () => {
  it('cached tokens are billed at the cached price, split by modality', () => {
    const usage: Usage = {
      inputTokens: 1_000_000,
      outputTokens: 0,
      totalTokens: 1_000_000,
      inputAudioTokens: 600_000,
      cachedTokens: 500_000,
      cachedAudioTokens: 300_000,
    };
    // text: 400k of which 200k cached; audio: 600k of which 300k cached
    const expected = 0.2 * 4 + 0.2 * 0.4 + 0.3 * 32 + 0.3 * 0.4;
    expect(costOfUsageUsd(usage, GPT_REALTIME_2)).toBeCloseTo(expected, 9);
  });

  it('a price without a cached rate charges cached tokens the full input price', () => {
    const price: ModelPrice = { textInputUsd: 1, textOutputUsd: 2, audioInputUsd: 10, audioOutputUsd: 20 };
    const usage: Usage = { inputTokens: 1_000_000, outputTokens: 0, totalTokens: 1_000_000, cachedTokens: 1_000_000 };
    expect(costOfUsageUsd(usage, price)).toBeCloseTo(1, 9);
  });

  it.each([
    [0, '$0.000'],
    [0.0004, '<$0.001'],
    [0.0423, '$0.042'],
    [1.5, '$1.50'],
  ])('formats %f as %s', (usd, text) => {
    expect(formatCostUsd(usd)).toBe(text);
  });
});

describe('price lookup and the prices config key', () => {
  it('finds Gemini and Vertex model names under their bare id, never a dated snapshot under its alias', () => {
    const table = { 'gemini-x-live': { textInputUsd: 1, textOutputUsd: 1, audioInputUsd: 1, audioOutputUsd: 1 } };
    expect(findPrice('models/gemini-x-live', table)).toBeDefined();
    expect(findPrice('projects/p/locations/l/publishers/google/models/gemini-x-live', table)).toBeDefined();
    expect(findPrice('gpt-4o-realtime-preview-2024-10-01', OPENAI_REALTIME_PRICES)).toBeUndefined();
  });

  it('overrides change a listed model and add new ones (e.g. an Azure deployment)', () => {
    const known = (m: string): boolean => findPrice(m, OPENAI_REALTIME_PRICES) !== undefined;
    const { prices, problems } = parsePriceOverrides(
      {
        'gpt-realtime-2': { audioOutputUsd: 70 },
        'my-azure-deployment': { textInputUsd: 4, textOutputUsd: 16, audioInputUsd: 32, audioOutputUsd: 64 },
      },
      known,
    );
    expect(problems).toEqual([]);
    expect(findPrice('gpt-realtime-2', OPENAI_REALTIME_PRICES, prices)).toMatchObject({
      audioOutputUsd: 70,
      audioInputUsd: 32,
      source: undefined,
    });
    expect(findPrice('my-azure-deployment', {}, prices)).toMatchObject({ audioInputUsd: 32 });
  });

  it.each([
    [[1, 2], /must be an object/],
    [{ m: 3 }, /prices\.m must be an object/],
    [{ 'gpt-realtime-2': { audioOutputUsd: -1 } }, /audioOutputUsd must be a number >= 0/],
    [{ 'gpt-realtime-2': { audioOut: 1 } }, /audioOut is not a price field/],
    [{ 'new-model': { audioInputUsd: 1 } }, /new-model is a model voicechat has no price for; give textInputUsd/],
  ])('refuses %j with a clear problem', (value, problem) => {
    const known = (m: string): boolean => findPrice(m, OPENAI_REALTIME_PRICES) !== undefined;
    expect(parsePriceOverrides(value, known).problems.join('\n')).toMatch(problem);
  });

  it('every shipped price names its official page and the day it was read', () => {
    for (const [model, price] of Object.entries(OPENAI_REALTIME_PRICES)) {
      expect(price.source?.url).toBe(`https://developers.openai.com/api/docs/models/${model}`);
      expect(price.source?.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(Object.keys(PROVIDER_CATALOGUE.get('gemini').prices)).toEqual([]);
  });
});

describe('--max-cost', () => {
  it('trips once, on the reply that passes the limit, and stops after that reply', () => {
    const limit = new CostLimit(0.01);
    expect(limit.onResponseDone('r1', 0.004)).toEqual({ kind: 'continue' });
    const action = limit.onResponseDone('r2', 0.012);
    expect(action).toMatchObject({ kind: 'stop-after-reply', responseId: 'r2' });
    expect(action.kind === 'stop-after-reply' && action.notice).toMatch(/\$0\.012 passed --max-cost \$0\.010/);
    expect(limit.shouldStopNow('r1')).toBe(false);
    expect(limit.shouldStopNow('r2')).toBe(true);
    expect(limit.onResponseDone('r3', 0.02)).toEqual({ kind: 'continue' });
  });

  it('an unpriced model never trips it', () => {
    const limit = new CostLimit(0.01);
    expect(limit.onResponseDone('r1', undefined)).toEqual({ kind: 'continue' });
    expect(limit.tripped).toBe(false);
  });

  it.each([
    ['0.5', 0.5],
    ['$2', 2],
    ['0', undefined],
    ['-1', undefined],
    ['abc', undefined],
    ['', undefined],
  ])('parses --max-cost %s', (raw, value) => {
    expect(parseMaxCostUsd(raw)).toBe(value);
  });
});

describe('--max-cost without a price', () => {
  it('says so instead of silently never stopping', () => {
    expect(maxCostWithoutPrice('gpt-realtime')).toMatch(/no effect: no price is known for gpt-realtime/);
  });
});
