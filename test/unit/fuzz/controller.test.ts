import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/core/controller.js';
import { silentLogger } from '../../../src/core/log.js';
import { controllerTools } from '../../support/builtin-tools.js';
import { FakeEngine, FakeSession } from '../../support/fakes.js';
import { createRng, fuzzSettings, type Rng } from './prng.js';
import { guardProcess, within } from './process-guard.js';
import { randomSessionEvent } from './random-events.js';

/** The controller under random session events, user actions and engine callbacks. */
const { seed, scale } = fuzzSettings(0x5eed_0208);
const CASES = Math.round(600 * scale);

const guard = { errors: [] as string[], release: () => undefined as void };
beforeAll(() => Object.assign(guard, guardProcess()));
afterAll(() => guard.release());

function act(rng: Rng, controller: Controller, session: FakeSession, engine: FakeEngine): void {
  switch (rng.int(12)) {
    case 0:
      controller.toggleMute();
      return;
    case 1:
      controller.togglePushToTalk();
      return;
    case 2:
      controller.interrupt(
        rng.pick(['user-key', 'user-speech', 'user-text', 'push-to-talk', 'provider-interrupted'] as const),
      );
      return;
    case 3:
      controller.sendText(rng.pick(['', 'hi', '  ']));
      return;
    case 4:
      engine.mic(new Int16Array(480));
      return;
    case 5:
      engine.startPlaying(rng.pick(['r1', 'r2', 'r3']));
      return;
    case 6:
      engine.position.set(rng.pick(['r1', 'r2', 'r3']), rng.int(3000));
      return;
    default:
      session.emit(randomSessionEvent(rng));
  }
}

describe('fuzz: controller', () => {
  it(
    `${CASES} random sequences: no throw, late audio of cut-off replies never played, stop settles`,
    async () => {
      const rng = createRng(seed);
      const failures: string[] = [];
      for (let n = 0; n < CASES; n++) {
        const session = new FakeSession();
        const engine = new FakeEngine();
        const controller = new Controller({
          session,
          engine,
          tools: controllerTools(),
          vad: rng.pick(['server', 'semantic', 'manual'] as const),
          log: silentLogger,
        });
        const cut = new Set<string>();
        const lateAudio: string[] = [];
        controller.subscribe((event) => {
          if (event.type === 'interrupted') cut.add(event.responseId);
        });
        const playedBefore = (): number => engine.played.length;
        try {
          await controller.start();
          const steps = 10 + rng.int(60);
          for (let s = 0; s < steps; s++) {
            const before = playedBefore();
            act(rng, controller, session, engine);
            for (const p of engine.played.slice(before)) if (cut.has(p.responseId)) lateAudio.push(p.responseId);
            if (rng.chance(0.05)) await Promise.resolve();
          }
        } catch (error) {
          failures.push(`case ${n} threw: ${(error as Error).stack ?? String(error)}`);
        }
        if (lateAudio.length > 0) failures.push(`case ${n}: audio of cut-off responses played: ${lateAudio.join(',')}`);
        if ((await within(controller.stop(), 1000)) === 'timeout') failures.push(`case ${n}: stop() did not settle`);
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(guard.errors).toEqual([]);
    },
    20_000 * scale,
  );
});
