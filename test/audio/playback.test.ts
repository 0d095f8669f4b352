import { afterEach, describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../src/audio/engine.js';
import type { AudioEngine } from '../../src/audio/engine-types.js';
import { ensureAudioDevices, recordMonitor, sine, sleep, AUDIO_BACKEND, SPEAKER } from './audio-env.js';

const skipReason = ensureAudioDevices();
const LOUD = 500;

function loudRange(pcm: Int16Array, from = 0): { first: number; last: number } {
  let first = -1;
  let last = -1;
  for (let i = from; i < pcm.length; i++) {
    if (Math.abs(pcm[i] ?? 0) > LOUD) {
      if (first < 0) first = i;
      last = i;
    }
  }
  return { first, last };
}

let engine: AudioEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

describe.skipIf(skipReason !== undefined)('playback through the virtual speaker', () => {
  it('a 440 Hz sine fed at network pace comes back at 440 Hz with no glitches', async () => {
    const monitor = recordMonitor();
    engine = createAudioEngine(
      {
        input: { kind: 'none' },
        output: { kind: 'device', device: SPEAKER },
        inputSampleRate: 16000,
        outputSampleRate: 24000,
      },
      { backend: AUDIO_BACKEND },
    );
    await engine.start();
    await sleep(200);
    const tone = sine(24000 * 2, 24000, 440);
    // network pace: 20 ms chunks on an absolute schedule, each up to 15 ms late (jitter)
    const t0 = performance.now();
    for (let n = 0; n * 480 < tone.length; n++) {
      const dueMs = t0 + n * 20 + ((n * 7) % 16);
      await sleep(Math.max(0, dueMs - performance.now()));
      engine.play(tone.subarray(n * 480, n * 480 + 480), 'tone');
    }
    await engine.drain();
    await sleep(150);
    await monitor.stop();
    const pcm = monitor.samples();
    const { first, last } = loudRange(pcm);
    expect(first).toBeGreaterThan(0);
    const toneSec = (last - first) / 48000;
    let crossings = 0;
    let firstCrossing = -1;
    let lastCrossing = -1;
    let glitches = 0;
    const k = 2 * Math.cos((2 * Math.PI * 440) / 48000);
    for (let i = first + 200; i < last - 200; i++) {
      const a = pcm[i - 1] ?? 0;
      const b = pcm[i] ?? 0;
      if (a < 0 && b >= 0) {
        crossings++;
        if (firstCrossing < 0) firstCrossing = i;
        lastCrossing = i;
      }
      if (Math.abs((pcm[i + 1] ?? 0) + a - k * b) > 300) {
        if (glitches < 20) console.log('glitch at ms', ((i - first) / 48).toFixed(1));
        glitches++;
      }
    }
    const freqHz = ((crossings - 1) * 48000) / (lastCrossing - firstCrossing);
    console.log(JSON.stringify({ toneSec: toneSec.toFixed(3), freqHz: freqHz.toFixed(2), glitches }));
    expect(toneSec).toBeGreaterThan(1.95);
    expect(freqHz).toBeGreaterThan(439.5);
    expect(freqHz).toBeLessThan(440.5);
    expect(glitches).toBe(0);
    expect(engine.playedMs('tone')).toBe(2000);
  });

  it('flush() silences continuous playback at once and reports what was heard', async () => {
    const monitor = recordMonitor();
    engine = createAudioEngine(
      {
        input: { kind: 'none' },
        output: { kind: 'device', device: SPEAKER },
        inputSampleRate: 16000,
        outputSampleRate: 24000,
      },
      // the second response must play from the warm spare (PortAudio's default is none, to save
      // a ~45 MB process; a cold player start is Node boot + tsx + PortAudio init: 0.4-1.3 s here)
      { backend: AUDIO_BACKEND, warmSparePlayer: true },
    );
    await engine.start();
    await sleep(200);
    engine.play(sine(24000 * 5, 24000, 440), 'long');
    await sleep(1500);
    const flushAtMs = performance.now();
    const reports = engine.flush();
    const flushCallMs = performance.now() - flushAtMs;
    await sleep(400);
    // a new response right after the barge-in must play from the warm spare player
    const r2At = performance.now();
    engine.play(sine(24000, 24000, 660), 'next');
    await engine.drain();
    await sleep(100);
    await monitor.stop();

    const pcm = monitor.samples();
    const first = loudRange(pcm).first;
    let lastBefore = first;
    let nextStart = -1;
    for (let i = first; i < pcm.length; i++) {
      if (Math.abs(pcm[i] ?? 0) <= LOUD) continue;
      const t = monitor.sampleTimeMs(i);
      if (t < flushAtMs + 300) lastBefore = i;
      else if (t > r2At - 5) {
        nextStart = i;
        break;
      }
    }
    const silenceMs = monitor.sampleTimeMs(lastBefore) - flushAtMs;
    const heardMs = (lastBefore - first) / 48;
    const report = reports.find((r) => r.responseId === 'long');
    const nextLatencyMs = monitor.sampleTimeMs(nextStart) - r2At;
    console.log(
      `flush: silent ${silenceMs.toFixed(1)} ms after flush() (call took ${flushCallMs.toFixed(2)} ms); ` +
        `heard ${heardMs.toFixed(1)} ms, reported playedMs ${report?.playedMs.toFixed(1)}; next response audible after ${nextLatencyMs.toFixed(0)} ms`,
    );
    expect(report?.receivedMs).toBe(5000);
    expect(silenceMs).toBeLessThan(60);
    expect(Math.abs((report?.playedMs ?? 0) - heardMs)).toBeLessThan(40);
    expect(engine.playedMs('long')).toBe(report?.playedMs);
    expect(nextStart).toBeGreaterThan(0);
    expect(nextLatencyMs).toBeLessThan(250);
    expect(engine.playedMs('next')).toBe(1000);
  });
});
