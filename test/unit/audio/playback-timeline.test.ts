import { describe, expect, it } from 'vitest';
import { PlaybackTimeline } from '../../../src/audio/playback-timeline.js';

// 1000 Hz makes 1 sample = 1 ms
const make = (outputLatencyMs = 0, maxInFlightSamples = 60) =>
  new PlaybackTimeline({ sampleRate: 1000, outputLatencyMs, maxInFlightSamples });

describe('PlaybackTimeline (position estimate)', () => {
  it('advances in real time but never past what was accepted', () => {
    const t = make();
    t.accept(0, 20, [{ responseId: 'a', samples: 20 }]);
    t.accept(0, 20, [{ responseId: 'a', samples: 20 }]);
    expect(t.playedSamples('a', 10)).toBe(10);
    expect(t.playedSamples('a', 35)).toBe(35);
    expect(t.playedSamples('a', 500)).toBe(40);
    expect(t.isDrained(500)).toBe(true);
  });

  it('stalls when the device starves and resumes at the next accept', () => {
    const t = make();
    t.accept(0, 20, [{ responseId: 'a', samples: 20 }]);
    t.accept(100, 20, [{ responseId: 'a', samples: 20 }]);
    expect(t.playedSamples('a', 110)).toBe(30);
  });

  it('subtracts the output latency', () => {
    const t = make(30, 1000);
    t.accept(0, 100, [{ responseId: 'a', samples: 100 }]);
    expect(t.playedSamples('a', 20)).toBe(0);
    expect(t.playedSamples('a', 50)).toBe(20);
  });

  it('is pulled forward when more is accepted than the queue can hold', () => {
    const t = make(0, 40);
    for (let i = 0; i < 5; i++) t.accept(0, 20, [{ responseId: 'a', samples: 20 }]);
    expect(t.heardSamples(0)).toBe(60);
  });

  it('splits positions between responses and ignores padding', () => {
    const t = make(0, 1000);
    t.accept(0, 20, [{ responseId: 'a', samples: 15 }]);
    t.accept(0, 20, [{ responseId: 'b', samples: 20 }]);
    expect(t.playedSamples('a', 18)).toBe(15);
    expect(t.playedSamples('b', 18)).toBe(0);
    expect(t.playedSamples('b', 30)).toBe(10);
    expect(t.responseIds()).toEqual(['a', 'b']);
  });

  it('keeps real time over a minute of accepts when nothing pulls it (the pulse pump keeps no device clock)', () => {
    // 24 kHz, a 480-sample chunk every 20 ms at times with fractions, always ahead of the playhead
    const t = new PlaybackTimeline({ sampleRate: 24_000, outputLatencyMs: 0, maxInFlightSamples: Infinity });
    for (let k = 0; k < 3000 + 9; k++) t.accept(k < 9 ? 0.37 : (k - 9) * 20 + 0.37 + (k % 3) * 0.11, 480, []);
    // 60 s after the first accept the playhead is 60 s in; it used to lose ~1 ms a second to rounding
    expect(Math.abs(t.heardSamples(60_000.37) - 1_440_000)).toBeLessThanOrEqual(1);
  });
});
