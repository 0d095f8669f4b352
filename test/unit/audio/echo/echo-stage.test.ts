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
  /** A reply numbered per 10 ms frame (1, 2, ...), heard in real time from `fromMs`. */
  const numberedReply = () => Int16Array.from({ length: 4 * rate }, (_, i) => Math.floor(i / frame10) + 1);
  const heardFrom = (fromMs: number) => (id: string, atMs: number) =>
    id === 'r1' ? Math.max(0, Math.floor(((atMs - fromMs) * rate) / 1000)) : 0;
  /** Pairs (far frame number, near frame number) in processing order. */
  const pairsOf = (calls: string[]) => {
    const pairs: [number, number][] = [];
    let lastFar = 0;
    for (const c of calls) {
      const [kind, value] = c.split(':');
      if (kind === 'far') lastFar = Number(value);
      else pairs.push([lastFar, Number(value) - 1000]);
    }
    return pairs;
  };

  it('pairs each mic frame with the far end heard at its capture time, however the mic frames arrive', () => {
    const { calls, canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    stage.played(numberedReply(), 'r1');
    let nearIndex = 0;
    const mic = () =>
      Int16Array.from({ length: 2 * frame10 }, (_, i) => 1000 + nearIndex * 2 + Math.floor(i / frame10));
    // 20 ms frames captured back to back from t=0; they arrive 0-70 ms late, in bursts of 1-7
    const bursts = [1, 7, 2, 1, 5, 3, 1, 6, 2, 4, 1, 1, 7, 3, 2, 5, 1, 4, 6, 2];
    let capturedMs = 0;
    for (const size of [...bursts, ...bursts]) {
      capturedMs += size * 20;
      const arrivalMs = capturedMs + (size === 1 ? 0 : 10 * size);
      for (let k = 0; k < size; k++, nearIndex++) stage.process(mic(), arrivalMs, heardFrom(100));
    }
    const pairs = pairsOf(calls).filter(([far]) => far > 0);
    // far frame n (1, 2, ...) was heard over [100 + 10(n-1), 100 + 10n) ms, 10 ms near frame m
    // (0, 1, ...) was captured over [10m, 10m + 10): the far frame fed right before each near
    // frame is always the one heard while it was captured (n = m - 9)
    expect(pairs.length).toBeGreaterThan(100);
    expect(new Set(pairs.map(([far, near]) => far - near))).toEqual(new Set([-9]));
    // one far frame before each mic frame once the clock has settled
    expect(stage.alignment.missedFrames).toBe(0);
    expect(stage.alignment.realignments).toBe(0);
  });

  it('a late first burst (start-up backlog) moves the clock back once; the pairing then holds', () => {
    const { calls, canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    stage.played(numberedReply(), 'r1');
    let nearIndex = 0;
    const mic = () => new Int16Array(frame10).fill(1000 + nearIndex++);
    // 300 ms of backlog arrive at once at t=300, then frames arrive on time
    for (let k = 0; k < 30; k++) stage.process(mic(), 300, heardFrom(500));
    for (let t = 310; t < 2000; t += 10) stage.process(mic(), t, heardFrom(500));
    // the backlog was captured over [0, 300): far frame n, heard over [500 + 10(n-1), 500 + 10n),
    // goes with near frame m = n + 49
    const pairs = pairsOf(calls).filter(([far]) => far > 0);
    expect(pairs.length).toBeGreaterThan(100);
    expect(new Set(pairs.map(([far, near]) => far - near))).toEqual(new Set([-49]));
  });

  it('re-frames 20 ms input into 10 ms processing and returns the same length', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: 24_000, nearRate: rate, sinkRate: 48_000 });
    expect(stage.process(new Int16Array(320), 0, () => 0)).toHaveLength(320);
    expect(stage.process(new Int16Array(100), 20, () => 0)).toHaveLength(0);
    expect(stage.process(new Int16Array(220), 40, () => 0)).toHaveLength(320);
  });

  it('keeps the pairing through an event-loop stall (the frames of 800 ms arrive together)', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    stage.process(new Int16Array(2 * frame10), 20, () => 0);
    for (let k = 0; k < 40; k++) stage.process(new Int16Array(2 * frame10), 820, () => 0);
    for (let t = 840; t < 1500; t += 20) stage.process(new Int16Array(2 * frame10), t, () => 0);
    expect(stage.alignment).toMatchObject({ missedFrames: 0, realignments: 0, queuedFrames: 0 });
  });

  it('re-anchors the capture clock when mic audio was lost', () => {
    const { canceller } = recorder();
    const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
    for (let t = 20; t <= 1000; t += 20) stage.process(new Int16Array(2 * frame10), t, () => 0);
    // 3 s of mic audio never came; every later frame arrives 3 s after its counted time
    for (let t = 4020; t <= 8000; t += 20) stage.process(new Int16Array(2 * frame10), t, () => 0);
    expect(stage.alignment.realignments).toBe(1);
    expect(stage.alignment.queuedFrames).toBe(0);
  });
});
