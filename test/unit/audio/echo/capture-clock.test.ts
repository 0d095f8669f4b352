import { describe, expect, it } from 'vitest';
import { CaptureClock } from '../../../../src/audio/echo/capture-clock.js';

const rate = 16_000;
const frame20 = 320;

describe('capture clock', () => {
  it('stamps frames 20 ms apart however late and bunched they arrive', () => {
    const clock = new CaptureClock(rate);
    const stamps: number[] = [];
    // captured back to back from t=0; arrivals 5-75 ms late, in bursts
    const lateMs = [5, 40, 75, 5, 60, 30, 5, 70, 5, 5, 50, 20, 5];
    lateMs.forEach((late, k) => stamps.push(clock.stamp(frame20, (k + 1) * 20 + late)));
    const steps = stamps.slice(1).map((s, i) => s - (stamps[i] ?? 0));
    expect(new Set(steps)).toEqual(new Set([20]));
    // anchored at the least-delayed arrival: 5 ms after the true capture time
    expect(stamps[0]).toBeCloseTo(25, 6);
    expect(clock.reanchors).toBe(0);
  });

  it('moves back once for a start-up backlog (its frames arrive together)', () => {
    const clock = new CaptureClock(rate);
    const first = clock.stamp(frame20, 300);
    for (let k = 1; k < 15; k++) clock.stamp(frame20, 300);
    // 300 ms of audio came at t=300: the first frame was captured over [0, 20)
    expect(first).toBe(300);
    expect(clock.stamp(frame20, 320)).toBe(320);
    expect(clock.nowMs).toBe(320);
  });

  it('re-anchors when audio was lost (every frame of a whole window arrives late)', () => {
    const clock = new CaptureClock(rate, { windowMs: 2000, reanchorMs: 80 });
    for (let t = 20; t <= 1000; t += 20) clock.stamp(frame20, t);
    let last = 0;
    // 500 ms of audio never came
    for (let t = 1520; t <= 5000; t += 20) last = clock.stamp(frame20, t);
    expect(clock.reanchors).toBe(1);
    expect(last).toBeCloseTo(5000, 6);
  });
});
