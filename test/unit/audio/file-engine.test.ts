import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../../src/audio/engine.js';
import type { AudioEngine } from '../../../src/audio/engine-types.js';
import { encodeWav, readWavFile } from '../../../src/audio/wav.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tone = (samples: number, rate: number) =>
  Int16Array.from({ length: samples }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)));

let engine: AudioEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

describe('AudioEngine with files as devices', () => {
  it('the file sink plays in real time and flush truncates what was not played', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-engine-'));
    const out = join(dir, 'out.wav');
    engine = createAudioEngine({
      input: { kind: 'none' },
      output: { kind: 'file', path: out },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    });
    const started: string[] = [];
    engine.onPlaybackStarted((id) => started.push(id));
    await engine.start();
    engine.play(tone(24000 * 2, 24000), 'r1'); // 2 s arrive at once, like a fast provider
    await sleep(300);
    const reports = engine.flush();
    expect(reports).toHaveLength(1);
    const report = reports[0];
    expect(report?.responseId).toBe('r1');
    expect(report?.receivedMs).toBe(2000);
    expect(report?.playedMs).toBeGreaterThan(250);
    expect(report?.playedMs).toBeLessThan(450);
    expect(engine.playedMs('r1')).toBe(report?.playedMs);
    expect(started).toEqual(['r1']);

    engine.play(tone(2400, 24000), 'r2');
    await engine.drain();
    expect(engine.playedMs('r2')).toBe(100);
    await engine.stop();
    const wav = readWavFile(out);
    expect(wav.sampleRate).toBe(24000);
    // exactly what was "heard": the truncated first response, then all of the second
    const expectedSamples = Math.round(((report?.playedMs ?? 0) * 24000) / 1000) + 2400;
    expect(Math.abs(wav.pcm.length - expectedSamples)).toBeLessThanOrEqual(1);
  });

  it('a WAV file is the microphone: real-time 20 ms frames at the session rate, then silence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-engine-'));
    const input = join(dir, 'in.wav');
    writeFileSync(input, encodeWav(tone(4800, 48000), 48000)); // 100 ms at 48 kHz
    engine = createAudioEngine({
      input: { kind: 'file', path: input },
      output: { kind: 'none' },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    });
    const frames: Int16Array[] = [];
    engine.onFrame((f) => frames.push(f));
    const t0 = Date.now();
    await engine.start();
    await sleep(300);
    const elapsedMs = Date.now() - t0;
    expect(frames.every((f) => f.length === 320)).toBe(true);
    expect(frames.length).toBeGreaterThanOrEqual(10);
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(elapsedMs / 20) + 1);
    const loud = frames.filter((f) => f.some((s) => Math.abs(s) > 1000)).length;
    expect(loud).toBeGreaterThanOrEqual(4);
    expect(loud).toBeLessThanOrEqual(6);
    expect(frames.at(-1)?.every((s) => s === 0)).toBe(true);
  });

  it('rejects a corrupt input file at start with the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-engine-'));
    const input = join(dir, 'bad.wav');
    writeFileSync(input, 'RIFF....WAVEjunk');
    engine = createAudioEngine({
      input: { kind: 'file', path: input },
      output: { kind: 'none' },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    });
    await expect(engine.start()).rejects.toThrow(/bad\.wav/);
  });
});
