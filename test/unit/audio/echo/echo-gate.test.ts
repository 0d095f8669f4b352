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

  it('after guard() holds back an echo the learned (AEC3-residual) coupling would pass, for 4 s of far end only', () => {
    // behind AEC3 the gate learns a residual 40 dB down; then the output restarts and the echo is
    // uncancelled (-12 dB) while AEC3 re-learns
    const residual = echoOf(far, { sampleRate: rate, delayMs: 250, gainDb: -52 });
    const gate = new EchoGate({ farRate: rate, nearRate: rate });
    run(gate, far.subarray(0, 6 * rate), residual.subarray(0, 6 * rate));
    const learned = gate.couplingDb;
    expect(learned).toBeLessThan(-35);
    const unguarded = new EchoGate({ farRate: rate, nearRate: rate });
    run(unguarded, far.subarray(0, 6 * rate), residual.subarray(0, 6 * rate));
    gate.guard();
    const tail = (g: EchoGate) => run(g, far.subarray(6 * rate, 8 * rate), echo.subarray(6 * rate, 8 * rate));
    const guardedOut = tail(gate);
    const unguardedOut = tail(unguarded);
    const echoPart = echo.subarray(6 * rate, 8 * rate);
    // unguarded, the leak goes through nearly whole (what made the VAD fire); guarded, >= 20 dB less
    expect(erleDb(echoPart, unguardedOut, 0, 2 * rate)).toBeLessThan(6);
    expect(erleDb(echoPart, guardedOut, 0, 2 * rate)).toBeGreaterThanOrEqual(20);
    // nothing was learned from the guarded frames, and the guard ends: the learned residual rules again
    expect(gate.couplingDb).toBe(learned);
    run(gate, far.subarray(8 * rate, 12 * rate), residual.subarray(8 * rate, 12 * rate));
    run(gate, far.subarray(0, 4 * rate), residual.subarray(0, 4 * rate));
    const loud = speechLike({ sampleRate: rate, seconds: 1, seed: 4, pitchHz: 120, levelDb: -30, pauseRatio: 0 });
    const out = run(gate, far.subarray(11 * rate, 12 * rate), loud);
    expect(10 * Math.log10(energy(out, 0, rate) / energy(loud, 0, rate))).toBeGreaterThan(-6);
  });

  it('with onsetGuardFrames guards the start of the far end after a silence, once something is learned', () => {
    const residual = echoOf(far, { sampleRate: rate, delayMs: 250, gainDb: -52 });
    const gate = new EchoGate({ farRate: rate, nearRate: rate, onsetGuardFrames: 200 });
    const alone = new EchoGate({ farRate: rate, nearRate: rate });
    // the session's first far end: nothing learned yet (the initial coupling is stricter), no guard
    run(gate, far.subarray(0, 10), residual.subarray(0, 10));
    run(gate, far.subarray(0, rate / 2), residual.subarray(0, rate / 2));
    expect(gate.isGuarding).toBe(false);
    run(gate, far.subarray(rate / 2, 6 * rate), residual.subarray(rate / 2, 6 * rate));
    run(alone, far.subarray(0, 6 * rate), residual.subarray(0, 6 * rate));
    // a pause shorter than the delay window is not an onset; one longer is
    const silence = new Int16Array(rate);
    run(gate, silence.subarray(0, (rate * 4) / 10), silence.subarray(0, (rate * 4) / 10));
    run(gate, far.subarray(6 * rate, 6 * rate + rate / 10), residual.subarray(6 * rate, 6 * rate + rate / 10));
    expect(gate.isGuarding).toBe(false);
    run(gate, silence, silence);
    run(alone, silence, silence);
    const start = (g: EchoGate) => run(g, far.subarray(6 * rate, 8 * rate), echo.subarray(6 * rate, 8 * rate));
    const guardedOut = start(gate);
    const aloneOut = start(alone);
    const echoPart = echo.subarray(6 * rate, 8 * rate);
    expect(erleDb(echoPart, aloneOut, 0, 2 * rate)).toBeLessThan(6);
    expect(erleDb(echoPart, guardedOut, 0, 2 * rate)).toBeGreaterThanOrEqual(20);
    expect(gate.isGuarding).toBe(false);
  });
});
