import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialState, reduce, type ConversationState, type UiAction } from '../../../src/ui/state/conversation.js';
import { createRng, fuzzSettings, type Rng } from './prng.js';
import { guardProcess } from './process-guard.js';
import { randomControllerEvent } from './random-events.js';

/** The UI reducer under random action sequences: total, and its state stays well-formed. */
const { seed, scale } = fuzzSettings(0x5eed_0308);
const CASES = Math.round(1000 * scale);

const guard = { errors: [] as string[], release: () => undefined as void };
beforeAll(() => Object.assign(guard, guardProcess()));
afterAll(() => guard.release());

function randomAction(rng: Rng, atMs: number): UiAction {
  switch (rng.int(8)) {
    case 0:
      return { type: 'tick', atMs };
    case 1:
      return rng.pick([{ type: 'help.toggle' }, { type: 'typing.start' }, { type: 'typing.cancel' }] as const);
    case 2:
      return { type: 'typing.draft', text: rng.pick(['', 'a', 'x'.repeat(2000)]) };
    default:
      return { type: 'event', event: randomControllerEvent(rng), atMs };
  }
}

function hasNaN(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  return Object.values(value).some((v) => hasNaN(v, depth + 1));
}

function problem(state: ConversationState): string | undefined {
  if (!Array.isArray(state.transcript)) return 'transcript is not an array';
  if (!Number.isFinite(state.nowMs)) return 'nowMs is not finite';
  if (hasNaN(state)) return 'NaN in state';
  return undefined;
}

describe('fuzz: UI reducer', () => {
  it(
    `${CASES} random sequences of controller events and intents`,
    () => {
      const rng = createRng(seed);
      const failures: string[] = [];
      for (let n = 0; n < CASES; n++) {
        let atMs = 1_000_000;
        let state = initialState(
          { provider: 'fuzz', model: 'm', vad: rng.pick(['server', 'semantic', 'manual'] as const) },
          atMs,
        );
        const steps = 20 + rng.int(80);
        for (let s = 0; s < steps; s++) {
          atMs += rng.int(1500);
          const action = randomAction(rng, atMs);
          try {
            state = reduce(state, action);
          } catch (error) {
            failures.push(`case ${n} step ${s} ${JSON.stringify(action).slice(0, 200)}: ${(error as Error).message}`);
            break;
          }
          const bad = problem(state);
          if (bad !== undefined) {
            failures.push(`case ${n} step ${s} ${JSON.stringify(action).slice(0, 200)}: ${bad}`);
            break;
          }
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(guard.errors).toEqual([]);
    },
    20_000 * scale,
  );
});
