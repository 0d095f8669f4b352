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
});
