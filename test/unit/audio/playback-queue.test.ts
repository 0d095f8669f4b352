import { describe, expect, it } from 'vitest';
import { PlaybackQueue, type TakeResult } from '../../../src/audio/playback-queue.js';

const options = {
  chunkSamples: 10,
  frameMs: 10,
  prebufferSamples: 40,
  prebufferWaitMs: 80,
  partialWaitMs: 40,
  maxPadSamples: 30,
};
const ramp = (n: number, from = 1): Int16Array => Int16Array.from({ length: n }, (_, i) => from + i);
const chunkOf = (r: TakeResult) => {
  if (r.kind !== 'chunk') throw new Error(`expected a chunk, got ${JSON.stringify(r)}`);
  return r.chunk;
};

describe('PlaybackQueue (jitter buffer)', () => {
  it('waits for the prebuffer before starting', () => {
    const q = new PlaybackQueue(options);
    expect(q.take(0)).toEqual({ kind: 'wait', untilMs: undefined });
    q.push(ramp(30), 'a', 0);
    expect(q.take(1)).toEqual({ kind: 'wait', untilMs: 80 });
    q.push(ramp(10, 31), 'a', 5);
    const first = chunkOf(q.take(6));
    expect(Array.from(first.pcm)).toEqual(Array.from(ramp(10)));
    expect(first.parts).toEqual([{ responseId: 'a', samples: 10 }]);
  });

  it('starts a short response after the prebuffer wait, or at once after end()', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(15), 'a', 0);
    expect(q.take(79).kind).toBe('wait');
    expect(q.take(80).kind).toBe('chunk');
    const q2 = new PlaybackQueue(options);
    q2.push(ramp(15), 'b', 0);
    q2.end();
    expect(q2.take(1).kind).toBe('chunk');
  });

  it('pads a mid-response stall with silence, then goes idle', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(40), 'a', 0);
    for (let i = 0; i < 4; i++) chunkOf(q.take(1));
    for (let i = 0; i < 3; i++) {
      const pad = chunkOf(q.take(2));
      expect(pad.parts).toEqual([]);
      expect(pad.pcm.every((s) => s === 0)).toBe(true);
    }
    expect(q.take(3)).toEqual({ kind: 'wait', untilMs: undefined });
    expect(q.playing).toBe(false);
  });

  it('resumes real audio right after padding without a new prebuffer', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(40), 'a', 0);
    for (let i = 0; i < 4; i++) q.take(1);
    expect(chunkOf(q.take(2)).parts).toEqual([]);
    q.push(ramp(10), 'a', 3);
    expect(chunkOf(q.take(3)).parts).toEqual([{ responseId: 'a', samples: 10 }]);
  });

  it('plays a partial tail padded once no audio has come for partialWaitMs', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(45), 'a', 0);
    for (let i = 0; i < 4; i++) q.take(1);
    expect(chunkOf(q.take(10)).parts).toEqual([]); // still waiting for the rest of the chunk
    const tail = chunkOf(q.take(40));
    expect(tail.parts).toEqual([{ responseId: 'a', samples: 5 }]);
    expect(Array.from(tail.pcm.subarray(0, 6))).toEqual([41, 42, 43, 44, 45, 0]);
  });

  it('pads only when the device itself is about to run dry', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(40), 'a', 0);
    for (let i = 0; i < 4; i++) q.take(1, 0);
    expect(q.take(2, 35)).toEqual({ kind: 'wait', untilMs: 27 });
    expect(chunkOf(q.take(27, 10)).parts).toEqual([]);
  });

  it('labels chunks that span two responses', () => {
    const q = new PlaybackQueue(options);
    q.push(ramp(35), 'a', 0);
    q.push(ramp(15), 'b', 0);
    for (let i = 0; i < 3; i++) q.take(1);
    expect(chunkOf(q.take(1)).parts).toEqual([
      { responseId: 'a', samples: 5 },
      { responseId: 'b', samples: 5 },
    ]);
    expect(q.buffered).toBe(10);
  });
});
