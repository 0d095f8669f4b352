import { describe, expect, it } from 'vitest';
import { formatLatencySummary, LatencyClock, percentile } from '../../../src/core/latency-clock.js';

describe('latency clock', () => {
  it('measures end of speech -> first audio received -> first sample played, once per turn', () => {
    const clock = new LatencyClock();
    clock.userTurnEnded(1000);
    clock.audioReceived(1400);
    clock.audioReceived(1450);
    expect(clock.audioPlayed(1500)).toEqual({ firstAudioMs: 400, firstPlayedMs: 500 });
    expect(clock.audioPlayed(1600)).toBeUndefined();
    clock.userTurnEnded(5000);
    clock.audioReceived(5300);
    clock.audioPlayed(5380);
    const summary = clock.summary();
    expect(summary.turns).toBe(2);
    expect(summary.p50Ms).toBe(380);
    expect(summary.p95Ms).toBe(500);
    expect(formatLatencySummary(summary)).toContain('p50 380 ms');
  });

  it('ignores playback that no user turn asked for', () => {
    const clock = new LatencyClock();
    expect(clock.audioPlayed(10)).toBeUndefined();
    expect(formatLatencySummary(clock.summary())).toContain('no measured turns');
  });

  it.each([
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 95, 4],
    [[7], 99, 7],
    [[], 50, undefined],
  ])('percentile(%j, %d) = %s', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});
