import { describe, expect, it } from 'vitest';
import { FarEndFeeder } from '../../../../src/audio/echo/far-end-feeder.js';

const rate = 24_000;
const sinkRate = 48_000;

/** A player that starts at `startMs` and plays `id` in real time up to what it was given. */
function player(startMs: number, givenSamples: number, id = 'r1') {
  let stoppedAtMs: number | undefined;
  return {
    at: (nowMs: number) => (responseId: string) => {
      if (responseId !== id) return 0;
      const until = Math.min(nowMs, stoppedAtMs ?? nowMs);
      return Math.max(0, Math.min(givenSamples * 2, Math.floor(((until - startMs) * sinkRate) / 1000)));
    },
    stop: (atMs: number) => (stoppedAtMs = atMs),
  };
}

const ramp = (samples: number, from = 1): Int16Array =>
  Int16Array.from({ length: samples }, (_, i) => ((from + i) % 30_000) + 1);

describe('far-end feeder', () => {
  it('feeds a reply received all at once as it is played, not when it arrives', () => {
    const feeder = new FarEndFeeder(rate, sinkRate);
    const reply = ramp(5 * rate); // 5 s received in one burst
    feeder.push(reply, 'r1');
    const p = player(100, reply.length);
    const fed: Int16Array[] = [];
    for (let t = 0; t <= 1000; t += 20) fed.push(feeder.take(t, p.at(t)));
    const all = Int16Array.from(fed.flatMap((f) => [...f]));
    // one second of far end: 100 ms of silence before the player started, then 900 ms of the reply
    expect(all.length).toBe(rate);
    expect(all.subarray(0, 0.1 * rate).every((s) => s === 0)).toBe(true);
    expect(all.subarray(0.1 * rate)).toEqual(reply.subarray(0, 0.9 * rate));
  });

  it('puts the silence before a reply that started between two calls (calls come in bursts)', () => {
    const feeder = new FarEndFeeder(rate, sinkRate);
    const reply = ramp(rate);
    feeder.push(reply, 'r1');
    const p = player(100, reply.length);
    feeder.take(0, p.at(0));
    const far = feeder.take(140, p.at(140));
    expect(far.length).toBe(Math.round(0.14 * rate));
    expect(far.subarray(0, Math.round(0.1 * rate)).every((s) => s === 0)).toBe(true);
    expect(far.subarray(Math.round(0.1 * rate))).toEqual(reply.subarray(0, Math.round(0.04 * rate)));
  });

  it('keeps the timeline continuous with silence across gaps between replies', () => {
    const feeder = new FarEndFeeder(rate, sinkRate);
    const reply = ramp(0.2 * rate);
    feeder.push(reply, 'r1');
    const p = player(0, reply.length);
    let total = 0;
    let audio = 0;
    for (let t = 0; t <= 2000; t += 20) {
      const far = feeder.take(t, p.at(t));
      total += far.length;
      audio += far.filter((s) => s !== 0).length;
      expect(far.length % (rate / 100)).toBe(0);
    }
    expect(total).toBe(2 * rate);
    expect(audio).toBe(reply.length);
  });

  it('after a flush feeds only what was played, then silence', () => {
    const feeder = new FarEndFeeder(rate, sinkRate);
    const reply = ramp(3 * rate);
    feeder.push(reply, 'r1');
    const p = player(0, reply.length);
    const fed: Int16Array[] = [];
    for (let t = 0; t < 500; t += 20) fed.push(feeder.take(t, p.at(t)));
    // barge-in at 510 ms: the player was at 510 ms of the reply
    p.stop(510);
    feeder.flush(new Map([['r1', Math.floor(0.51 * sinkRate)]]), 510);
    for (let t = 520; t <= 1500; t += 20) fed.push(feeder.take(t, p.at(t)));
    const all = Int16Array.from(fed.flatMap((f) => [...f]));
    expect(all.length).toBe(1.5 * rate);
    expect(all.subarray(0, 0.51 * rate)).toEqual(reply.subarray(0, 0.51 * rate));
    expect(all.subarray(0.51 * rate).every((s) => s === 0)).toBe(true);
  });

  it('does not pad when the player position runs ahead of the wall clock, and catches up later', () => {
    const feeder = new FarEndFeeder(rate, sinkRate);
    const reply = ramp(rate);
    feeder.push(reply, 'r1');
    // the position estimate jumps 40 ms ahead (pulled forward by the accept events)
    const ahead = (t: number) => (id: string) =>
      id === 'r1' ? Math.min(reply.length * 2, Math.floor(((t + 40) * sinkRate) / 1000)) : 0;
    let total = 0;
    for (let t = 0; t <= 2000; t += 20) total += feeder.take(t, ahead(t)).length;
    expect(total).toBe(2 * rate);
    expect(feeder.producedSamples).toBe(2 * rate);
  });
});
