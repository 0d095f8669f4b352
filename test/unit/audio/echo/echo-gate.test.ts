import { describe, expect, it } from 'vitest';
import { EchoGate } from '../../../../src/audio/echo/echo-gate.js';
import { echoOf, energy, erleDb, mix, speechLike } from '../../../support/synthetic-echo.js';

const rate = 24_000;
const n = rate / 100;

function run(gate: EchoGate, far: Int16Array, near: Int16Array): Int16Array {
  const out = new Int16Array(near.length);
  for (let f = 0; (f + 1) * n <= near.length; f++) {
    gate.farEnd(far.subarray(f * n, (f + 1) * n));
    out.set(gate.nearEnd(near.subarray(f * n, (f + 1) * n)), f * n);
  }
  return out;
}

const far = speechLike({ sampleRate: rate, seconds: 12, seed: 1, pitchHz: 200, levelDb: -10 });
const echo = echoOf(far, { sampleRate: rate, delayMs: 250, gainDb: -12 });

describe('echo gate', () => {
  it('learns the echo path gain and attenuates echo-only frames by >= 20 dB once learned', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    const out = run(gate, far, echo);
    // learned from the level ratios: within a few dB of the -12 dB path (the far level is a window max)
    expect(gate.couplingDb).toBeGreaterThan(-20);
    expect(gate.couplingDb).toBeLessThan(-6);
    expect(erleDb(echo, out, 3 * rate, 12 * rate)).toBeGreaterThanOrEqual(20);
  });

  it('lets a talker louder than the echo by the margin through within 6 dB (speak up to interrupt)', () => {
    const talker = speechLike({ sampleRate: rate, seconds: 4, seed: 9, pitchHz: 115, levelDb: -6, pauseRatio: 0 });
    const near = new Int16Array(far.length);
    near.set(talker, 6 * rate);
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    const out = run(gate, far, mix(echo, near));
    const level = 10 * Math.log10(energy(out, 6 * rate, 10 * rate) / energy(near, 6 * rate, 10 * rate));
    expect(Math.abs(level)).toBeLessThanOrEqual(6);
  });

  it('attenuates a talker no louder than the echo (the documented degradation)', () => {
    const quiet = speechLike({ sampleRate: rate, seconds: 4, seed: 9, pitchHz: 115, levelDb: -26, pauseRatio: 0 });
    const near = new Int16Array(far.length);
    near.set(quiet, 6 * rate);
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    const out = run(gate, far, mix(echo, near));
    const level = 10 * Math.log10(energy(out, 6 * rate, 10 * rate) / energy(mix(echo, near), 6 * rate, 10 * rate));
    expect(level).toBeLessThan(-10);
  });

  it('leaves the microphone untouched while the assistant is silent', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: 16_000 });
    gate.farEnd(new Int16Array(rate)); // a second of played silence
    const talker = speechLike({ sampleRate: 16_000, seconds: 1, seed: 4, pitchHz: 120 });
    const out = new Int16Array(talker.length);
    for (let f = 0; f < 100; f++) out.set(gate.nearEnd(talker.subarray(f * 160, (f + 1) * 160)), f * 160);
    expect(out).toEqual(talker);
  });

  it('opens at once when the assistant stops: no far end in the delay window, no attenuation', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: rate, maxDelayMs: 300 });
    run(gate, far.subarray(0, 3 * rate), echo.subarray(0, 3 * rate));
    gate.farEnd(new Int16Array(rate * 0.3)); // 300 ms of silence played after a flush
    const talker = speechLike({ sampleRate: rate, seconds: 0.5, seed: 4, pitchHz: 120, pauseRatio: 0 });
    const out = run(gate, new Int16Array(talker.length), talker);
    expect(out.subarray(n)).toEqual(talker.subarray(n));
  });

  it('rejects buffers that are not whole 10 ms frames', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    expect(() => gate.nearEnd(new Int16Array(100))).toThrow(RangeError);
  });

  // behind AEC3 the gate learns a residual 40 dB down; when AEC3 loses the delay (a new output
  // stream, a step at a reply's start) the echo arrives uncancelled (-12 dB) while it re-learns
  const residual = echoOf(far, { sampleRate: rate, delayMs: 250, gainDb: -52 });
  const behindAec3 = (g: EchoGate, fromS: number, toS: number): Int16Array =>
    run(g, far.subarray(fromS * rate, toS * rate), residual.subarray(fromS * rate, toS * rate));
  /** ERLE of the gate's output over 6-8 s, with the echo uncancelled there. */
  const uncancelledErleDb = (g: EchoGate): number => {
    const part = echo.subarray(6 * rate, 8 * rate);
    return erleDb(part, run(g, far.subarray(6 * rate, 8 * rate), part), 0, 2 * rate);
  };

  it('after guard() holds back an echo the learned (AEC3-residual) coupling would pass, for 4 s of far end only', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    behindAec3(gate, 0, 6);
    const learned = gate.couplingDb;
    expect(learned).toBeLessThan(-35);
    const unguarded = new EchoGate({ farRate: rate, nearRate: rate });
    behindAec3(unguarded, 0, 6);
    gate.guard();
    // unguarded, the leak goes through nearly whole (what made the VAD fire); guarded, >= 20 dB less
    expect(uncancelledErleDb(unguarded)).toBeLessThan(6);
    expect(uncancelledErleDb(gate)).toBeGreaterThanOrEqual(20);
    // nothing was learned from the guarded frames, and the guard ends: the learned residual rules again
    expect(gate.couplingDb).toBe(learned);
    behindAec3(gate, 8, 12);
    behindAec3(gate, 0, 4);
    const loud = speechLike({ sampleRate: rate, seconds: 1, seed: 4, pitchHz: 120, levelDb: -30, pauseRatio: 0 });
    const out = run(gate, far.subarray(11 * rate, 12 * rate), loud);
    expect(10 * Math.log10(energy(out, 0, rate) / energy(loud, 0, rate))).toBeGreaterThan(-6);
  });

  it('with onsetGuardFrames guards the start of the far end after a silence, once something is learned', () => {
    const gate = new EchoGate({ farRate: rate, nearRate: rate, onsetGuardFrames: 200 });
    const alone = new EchoGate({ farRate: rate, nearRate: rate });
    // the session's first far end: nothing learned yet (the initial coupling is stricter), no guard
    behindAec3(gate, 0, 0.5);
    expect(gate.isGuarding).toBe(false);
    behindAec3(gate, 0.5, 6);
    behindAec3(alone, 0, 6);
    // a pause shorter than the delay window is not an onset; one longer is
    const silence = new Int16Array(rate);
    run(gate, silence.subarray(0, (rate * 4) / 10), silence.subarray(0, (rate * 4) / 10));
    behindAec3(gate, 6, 6.1);
    expect(gate.isGuarding).toBe(false);
    run(gate, silence, silence);
    run(alone, silence, silence);
    expect(uncancelledErleDb(alone)).toBeLessThan(6);
    expect(uncancelledErleDb(gate)).toBeGreaterThanOrEqual(20);
    expect(gate.isGuarding).toBe(false);
  });
});
