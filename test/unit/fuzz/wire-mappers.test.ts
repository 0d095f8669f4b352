import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapServerMessage } from '../../../src/providers/gemini/map-server-message.js';
import { parseWireMessage } from '../../../src/providers/gemini/protocol.js';
import { initialTurnState } from '../../../src/providers/gemini/turn-state.js';
import { mapServerEvent } from '../../../src/providers/openai-ga/map-server-event.js';
import { parseWireEvent } from '../../../src/providers/openai-ga/protocol.js';
import { dialectSpecs, serverFrames } from './dialects.js';
import { frameText, mutateFrames } from './mutate.js';
import { createRng, fuzzSettings } from './prng.js';
import { guardProcess } from './process-guard.js';
import { eventProblem } from './session-events.js';

/** The pure wire mappers fed mutated real frames, the way the adapters feed them (parse, then map). */
const { seed, scale } = fuzzSettings(0x5eed_0108);
const CASES = Math.round(1500 * scale);

const guard = { errors: [] as string[], release: () => undefined as void };
beforeAll(() => Object.assign(guard, guardProcess()));
afterAll(() => guard.release());

describe('fuzz: wire mappers', () => {
  const specs = dialectSpecs();

  it(
    `OpenAI-style mapServerEvent (GA, beta, Azure, Voice Live traces): ${CASES} mutated streams`,
    () => {
      const rng = createRng(seed);
      const sources = specs.filter((s) => s.family === 'openai-style').flatMap((s) => s.traces.map(serverFrames));
      const pool = specs
        .filter((s) => s.family === 'gemini')
        .flatMap((s) => s.traces.flatMap(serverFrames))
        .slice(0, 40);
      const failures: string[] = [];
      let mapped = 0;
      for (let n = 0; n < CASES; n++) {
        const { frames, ops } = mutateFrames(rng, sources[n % sources.length] ?? [], pool, 'type');
        for (const frame of frames) {
          const text = frameText(frame);
          try {
            const parsed = parseWireEvent(text);
            if (!parsed.ok) continue;
            const out = mapServerEvent(parsed.event);
            mapped += out.events.length;
            for (const e of out.events) {
              const problem = eventProblem(e);
              if (problem !== undefined)
                failures.push(`case ${n} [${ops.join(',')}] ${text.slice(0, 200)}: ${problem}`);
            }
          } catch (error) {
            failures.push(`case ${n} [${ops.join(',')}] threw on ${text.slice(0, 200)}: ${(error as Error).message}`);
          }
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(mapped).toBeGreaterThan(CASES);
      expect(guard.errors).toEqual([]);
    },
    10_000 * scale,
  );

  it(
    `Gemini/Vertex mapServerMessage with its turn state: ${CASES} mutated streams`,
    () => {
      const rng = createRng(seed + 1);
      const sources = specs.filter((s) => s.family === 'gemini').flatMap((s) => s.traces.map(serverFrames));
      const pool = specs
        .filter((s) => s.family === 'openai-style')
        .flatMap((s) => s.traces.flatMap(serverFrames))
        .slice(0, 40);
      const failures: string[] = [];
      for (let n = 0; n < CASES; n++) {
        const { frames, ops } = mutateFrames(rng, sources[n % sources.length] ?? [], pool, '');
        let state = initialTurnState();
        for (const frame of frames) {
          const text = frameText(frame);
          try {
            const parsed = parseWireMessage(text);
            if (!parsed.ok) continue;
            const out = mapServerMessage(state, parsed.message, { dropAudio: rng.chance(0.2) });
            state = out.state;
            for (const e of out.events) {
              const problem = eventProblem(e);
              if (problem !== undefined)
                failures.push(`case ${n} [${ops.join(',')}] ${text.slice(0, 200)}: ${problem}`);
            }
          } catch (error) {
            failures.push(`case ${n} [${ops.join(',')}] threw on ${text.slice(0, 200)}: ${(error as Error).message}`);
          }
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(guard.errors).toEqual([]);
    },
    10_000 * scale,
  );
});
