import { describe, expect, it } from 'vitest';
import { AlignedTrack, interleave } from '../../../src/record/aligned-track.js';

const ones = (n: number, v = 1) => new Int16Array(n).fill(v);

describe('AlignedTrack', () => {
  it('puts audio where it ended and silence in the gaps', () => {
    const t = new AlignedTrack(2);
    t.place(ones(10), 20); // samples 10..19
    t.place(ones(5, 2), 25); // right after: no gap
    t.padTo(30);
    expect([...t.take(30)]).toEqual([
      ...new Array(10).fill(0),
      ...new Array(10).fill(1),
      ...new Array(5).fill(2),
      ...new Array(5).fill(0),
    ]);
    expect(t.end).toBe(30);
  });

  it('treats a gap within the tolerance as jitter and late audio as following on', () => {
    const t = new AlignedTrack(5);
    t.place(ones(10), 10);
    t.place(ones(10, 2), 23); // starts at 13: 3-sample gap < tolerance
    expect(t.end).toBe(20);
    t.place(ones(4, 3), 15); // late: appended
    expect(t.end).toBe(24);
    t.place(ones(2, 4), 40); // a real gap
    expect(t.end).toBe(40);
  });

  it('take is incremental across chunk boundaries', () => {
    const t = new AlignedTrack(0);
    t.place(Int16Array.from([1, 2, 3]), 3);
    t.place(Int16Array.from([4, 5, 6]), 6);
    expect([...t.take(2)]).toEqual([1, 2]);
    expect([...t.take(3)]).toEqual([3, 4, 5]);
    expect(t.end).toBe(6);
  });

  it('interleave makes stereo frames', () => {
    expect([...interleave(Int16Array.from([1, 2]), Int16Array.from([-1, -2]))]).toEqual([1, -1, 2, -2]);
  });
});
