import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/core/events.js';
import type { RealtimeSession } from '../../../src/core/session.js';
import { dialectSpecs, serverFrames, type DialectSpec } from './dialects.js';
import { createFuzzSocket } from './fuzz-socket.js';
import { frameText, mutateFrames, type Json } from './mutate.js';
import { createRng, fuzzSettings, type Rng } from './prng.js';
import { guardProcess, within } from './process-guard.js';
import { eventProblem } from './session-events.js';

/**
 * Session adapters fed mutated real traces through a fake socket: no throw, no unhandled
 * rejection, connect settles, the session keeps answering calls, close resolves.
 */
const { seed, scale } = fuzzSettings(0x5eed_0008);
const CASES_PER_DIALECT = Math.round(250 * scale);
const CONNECT_TIMEOUT_MS = 15;
const CASE_LIMIT_MS = 1000;

const guard = { errors: [] as string[], release: () => undefined as void };
beforeAll(() => Object.assign(guard, guardProcess()));
afterAll(() => guard.release());

function poke(rng: Rng, session: RealtimeSession, seen: { responses: string[]; calls: string[] }): void {
  switch (rng.int(8)) {
    case 0:
      session.sendAudio(new Int16Array(rng.pick([0, 1, 3, 480])));
      return;
    case 1:
      session.sendText(rng.pick(['hi', '', '\u0000', 'x'.repeat(300)]));
      return;
    case 2:
      session.cancelResponse();
      return;
    case 3:
      session.truncate(
        seen.responses.length > 0 ? rng.pick(seen.responses) : 'nope',
        rng.pick([0, -5, 120, 1e9, Number.NaN]),
      );
      return;
    case 4:
      session.commitInput();
      return;
    case 5:
      session.startInput();
      return;
    case 6:
      session.sendToolResult(seen.calls.length > 0 ? rng.pick(seen.calls) : 'call_x', '{"ok":true}');
      return;
    default:
      return;
  }
}

interface Outcome {
  problems: string[];
  connected: boolean;
}

async function runCase(
  spec: DialectSpec,
  rng: Rng,
  source: Json[],
  pool: Json[],
): Promise<Outcome & { ops: string[] }> {
  const { frames, ops } = mutateFrames(rng, source, pool, spec.typeKey);
  const socket = createFuzzSocket();
  const session = await spec.makeSession(socket.connector, CONNECT_TIMEOUT_MS);
  const problems: string[] = [];
  const seen = { responses: [] as string[], calls: [] as string[] };
  session.subscribe((event: SessionEvent) => {
    const problem = eventProblem(event);
    if (problem !== undefined) problems.push(problem);
    if (event.type === 'response.started') seen.responses.push(event.responseId);
    if (event.type === 'tool.call') seen.calls.push(event.callId);
  });
  const connecting = session.connect();
  for (const frame of frames) {
    try {
      socket.deliver(frameText(frame));
      if (rng.chance(0.15)) poke(rng, session, seen);
    } catch (error) {
      problems.push(`threw on a frame: ${(error as Error).stack ?? String(error)}`);
    }
  }
  if (rng.chance(0.2)) socket.serverClose(rng.pick([1000, 1001, 1006, 1008, 1011, 4000]), 'fuzz');
  const connected = await within(connecting, CASE_LIMIT_MS);
  if (connected === 'timeout') problems.push('connect() did not settle');
  try {
    for (let i = 0; i < 5; i++) poke(rng, session, seen);
  } catch (error) {
    problems.push(`a call threw after the stream: ${(error as Error).message}`);
  }
  if ((await within(session.close(), CASE_LIMIT_MS)) === 'timeout') problems.push('close() did not settle');
  return { problems, ops, connected: connected !== 'timeout' && connected.ok };
}

describe('fuzz: session adapters with mutated real traces', () => {
  const specs = dialectSpecs();

  it('covers every dialect present in this checkout', () => {
    expect(specs.map((s) => s.name)).toEqual(
      expect.arrayContaining(['openai GA', 'openai beta', 'azure voice live', 'gemini']),
    );
  });

  for (const spec of specs) {
    it(
      `${spec.name}: ${CASES_PER_DIALECT} cases, seed ${seed}`,
      async () => {
        const rng = createRng(seed ^ (spec.name.length * 7919));
        const sources = spec.traces.map(serverFrames);
        const pool = dialectSpecs()
          .filter((s) => s.family !== spec.family)
          .flatMap((s) => s.traces.slice(0, 1).flatMap(serverFrames))
          .slice(0, 60);
        const failures: string[] = [];
        let connected = 0;
        for (let n = 0; n < CASES_PER_DIALECT; n++) {
          const source = sources[n % sources.length] ?? [];
          const outcome = await runCase(spec, rng, source, pool);
          if (outcome.connected) connected++;
          if (outcome.problems.length > 0)
            failures.push(`case ${n} [${outcome.ops.join(', ')}]: ${outcome.problems.join('; ')}`);
        }
        expect(failures.slice(0, 5)).toEqual([]);
        expect(guard.errors).toEqual([]);
        // most cases still get through setup: the mutations are not all fatal
        expect(connected).toBeGreaterThan(CASES_PER_DIALECT / 3);
      },
      10_000 * scale,
    );
  }
});
