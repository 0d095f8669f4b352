import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/core/errors.js';
import { costSetupFor } from '../../../src/modes/cost-setup.js';
import { fileAsPushToTalk } from '../../../src/modes/file-turn.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';

describe('fileAsPushToTalk', () => {
  it('starts at once and commits with the frame that completes the file, once', () => {
    const calls: string[] = [];
    let frame: ((pcm: Int16Array) => void) | undefined;
    const turn = fileAsPushToTalk({
      controller: { togglePushToTalk: () => calls.push('toggle') },
      engine: {
        onFrame: (listener) => {
          frame = listener;
          return () => {
            frame = undefined;
          };
        },
      },
      fileMs: 50,
      sampleRate: 1000,
    });
    turn.start();
    expect(calls).toEqual(['toggle']);
    frame?.(new Int16Array(20));
    frame?.(new Int16Array(20));
    expect(calls).toEqual(['toggle']);
    frame?.(new Int16Array(20));
    expect(calls).toEqual(['toggle', 'toggle']);
    expect(frame).toBeUndefined();
  });
});

describe('costSetupFor', () => {
  const openai = PROVIDER_CATALOGUE.get('openai').prices;
  const base = { provider: 'openai', vad: 'server', timeoutSeconds: 15 } as const;

  it('the catalogue prices a listed model; an unlisted one has no price and --max-cost says so', () => {
    expect(costSetupFor({ ...base, model: 'gpt-realtime-1.5' }, openai).price?.audioOutputUsd).toBe(64);
    const unpriced = costSetupFor({ ...base, model: 'gpt-realtime', maxCostUsd: 1 }, openai);
    expect(unpriced.price).toBeUndefined();
    expect(unpriced.notice).toMatch(/--max-cost has no effect: no price is known for gpt-realtime/);
  });

  it('the prices key overrides a listed model and adds a new one; a broken entry is a ConfigError', () => {
    const prices = { 'gpt-realtime-1.5': { audioOutputUsd: 1 } };
    expect(costSetupFor({ ...base, model: 'gpt-realtime-1.5', prices }, openai).price?.audioOutputUsd).toBe(1);
    const added = { x: { textInputUsd: 1, textOutputUsd: 2, audioInputUsd: 3, audioOutputUsd: 4 } };
    expect(costSetupFor({ ...base, model: 'x', prices: added }, openai).price?.audioInputUsd).toBe(3);
    expect(() => costSetupFor({ ...base, model: 'x', prices: { x: { textInputUsd: 1 } } }, openai)).toThrow(
      ConfigError,
    );
  });
});
