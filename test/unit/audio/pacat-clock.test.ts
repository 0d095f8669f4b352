import { describe, expect, it } from 'vitest';
import { PacatClock } from '../../../src/audio/backend/pacat-clock.js';
import { PlaybackTimeline } from '../../../src/audio/playback-timeline.js';

// lines as `pacat --verbose` prints them (recorded on the virtual devices: a 180 ms burst at 343 ms)
const line = (timeS: string, latencyUs: number) => `Time: ${timeS} sec; Latency: ${latencyUs} usec.        \r`;

describe('pacat clock (the pulse backend playing position)', () => {
  it('turns stream times into heard positions anchored on the least-delayed line, and skips the chatter', () => {
    const clock = new PacatClock(24_000);
    expect(clock.push('Stream successfully created.\nTime: 0.000 sec; Latency: 0 usec.   \r', 76)).toEqual([
      { atMs: 76, playedSamples: 0 },
    ]);
    expect(clock.push(line('0.000', 0), 126)).toEqual([]); // not moving: stalled
    expect(clock.push('Stream started.\u001b[K\n', 345.8)).toEqual([]);
    // 0.032 s played at 377 ms: the stretch began at 345 ms
    expect(clock.push(line('0.032', 58428), 377)).toEqual([{ atMs: 377, playedSamples: 768 }]);
    // this line came 5 ms late (a busy event loop): it is placed by the earlier anchor
    expect(clock.push(line('0.082', 68309), 432)).toEqual([{ atMs: 427, playedSamples: 1968 }]);
    // an earlier arrival moves the anchor back
    expect(clock.push(line('0.134', 46274), 478)).toEqual([{ atMs: 478, playedSamples: 3216 }]);
  });

  it('starts a new stretch after an underrun (the time stood still), with or without "Stream started"', () => {
    const clock = new PacatClock(24_000);
    clock.push(line('0.100', 0), 1100);
    clock.push(line('0.180', 0), 1180);
    clock.push('Stream underrun.\n', 1200);
    expect(clock.push(line('0.180', 31), 1230)).toEqual([]);
    // 700 ms of silence later the stream runs again: anchored anew, not on the old stretch
    expect(clock.push(line('0.220', 31), 1960)).toEqual([{ atMs: 1960, playedSamples: 5280 }]);
  });

  it('keeps a partial line for the next chunk of text', () => {
    const clock = new PacatClock(24_000);
    expect(clock.push('Time: 0.05', 50)).toEqual([]);
    expect(clock.push('0 sec; Latency: 10 usec.\r', 51)).toEqual([{ atMs: 51, playedSamples: 1200 }]);
    expect(PacatClock.isTimingLine('Stream underrun.')).toBe(true);
    expect(PacatClock.isTimingLine('Connection failure: Connection refused')).toBe(false);
  });
});

describe('playback timeline with measured positions', () => {
  it('a measurement replaces the assumed start: a reply the server started 40 ms after the write', () => {
    const t = new PlaybackTimeline({ sampleRate: 1000, outputLatencyMs: 0, maxInFlightSamples: Infinity });
    t.accept(0, 100, [{ responseId: 'a', samples: 100 }]);
    t.accept(10, 100, [{ responseId: 'a', samples: 100 }]);
    expect(t.playedSamples('a', 60)).toBe(60); // the model: playing since the first write
    t.observe(50, 10); // the server: 10 samples heard at 50 ms
    expect(t.playedSamples('a', 60)).toBe(20);
    expect(t.playedSamples('a', 500)).toBe(200); // still capped at what was written
  });
});
