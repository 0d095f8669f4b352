import { describe, expect, it } from 'vitest';
import type { EchoCanceller } from '../../../../src/audio/echo/echo-canceller.js';
import { EchoStage } from '../../../../src/audio/echo/echo-stage.js';

/** Records the order of calls and which far frame each near frame followed. */
function recorder() {
  const calls: string[] = [];
  const canceller: EchoCanceller = {
    kind: 'gate',
    farEnd: (pcm) => calls.push(`far:${pcm[0] ?? 0}`),
    nearEnd: (pcm) => {
      calls.push(`near:${pcm[0] ?? 0}`);
      return pcm.slice();
    },
    dispose: () => {},
  };
  return { calls, canceller };
}

const rate = 16_000;
const frame10 = rate / 100;

describe('echo stage', () => {
  it('feeds exactly one far frame before each 10 ms mic frame, even when mic frames arrive in bursts', () => {
    const { calls, canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    // a reply numbered per 10 ms frame, played from t=0 in real time
    const reply = Int16Array.from({ length: 2 * rate }, (_, i) => Math.floor(i / frame10) + 1);
    stage.played(reply, 'r1');
    const played = (now: number) => (id: string) => (id === 'r1' ? Math.floor((now * rate) / 1000) : 0);
    let nearIndex = 0;
    const mic = () =>
      Int16Array.from({ length: 2 * frame10 }, (_, i) => 1000 + nearIndex * 2 + Math.floor(i / frame10));
    // bursts of 5 frames (100 ms) every 100 ms
    for (let burstAt = 100; burstAt <= 1000; burstAt += 100) {
      for (let k = 0; k < 5; k++, nearIndex++) stage.process(mic(), burstAt, played(burstAt));
    }
    const kinds = calls.map((c) => c.split(':')[0]);
    // strictly alternating after the start-up: far, near, far, near ...
    const firstFar = kinds.indexOf('far');
    for (let i = firstFar; i + 1 < kinds.length; i += 2) {
      expect(kinds[i]).toBe('far');
      expect(kinds[i + 1]).toBe('near');
    }
    // the pairing is constant: the far frame number minus the mic frame number never changes
    const offsets = new Set<number>();
    for (let i = firstFar; i + 1 < calls.length; i += 2) {
      const far = Number(calls[i]?.split(':')[1]);
      const near = Number(calls[i + 1]?.split(':')[1]) - 1000;
      if (far > 0) offsets.add(far - near);
    }
    expect(offsets.size).toBe(1);
    expect(stage.alignment.realignments).toBe(0);
  });

  it('re-frames 20 ms input into 10 ms processing and returns the same length', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: 24_000, nearRate: rate, sinkRate: 48_000 });
    expect(stage.process(new Int16Array(320), 0, () => 0)).toHaveLength(320);
    expect(stage.process(new Int16Array(100), 20, () => 0)).toHaveLength(0);
    expect(stage.process(new Int16Array(220), 40, () => 0)).toHaveLength(320);
  });

  it('keeps the pairing through an event-loop stall (far end and mic frames arrive together)', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    stage.process(new Int16Array(2 * frame10), 0, () => 0);
    // 800 ms stall: 40 mic frames of 20 ms processed at once
    for (let k = 0; k < 40; k++) stage.process(new Int16Array(2 * frame10), 820, () => 0);
    expect(stage.alignment).toEqual({ missedFrames: 0, realignments: 0, queuedFrames: 3 });
  });

  it('cuts the far-end queue back when mic audio was lost', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    stage.process(new Int16Array(2 * frame10), 0, () => 0);
    stage.process(new Int16Array(2 * frame10), 3000, () => 0); // 3 s of mic audio never came
    expect(stage.alignment.realignments).toBe(1);
    expect(stage.alignment.queuedFrames).toBe(3);
  });
});
