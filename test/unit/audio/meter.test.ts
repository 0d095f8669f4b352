import { describe, expect, it } from 'vitest';
import { FrameChunker } from '../../../src/audio/chunker.js';
import { LevelWindow, measureLevels, MIN_LEVEL_DB } from '../../../src/audio/meter.js';

describe('meter', () => {
  it('reads a full-scale square as 0 dBFS', () => {
    const pcm = Int16Array.from({ length: 480 }, (_, i) => (i % 2 === 0 ? 32767 : -32768));
    const { rmsDb, peakDb } = measureLevels(pcm);
    expect(rmsDb).toBeCloseTo(0, 1);
    expect(peakDb).toBeCloseTo(0, 1);
  });

  it('reads a half-scale sine as -9.03 dB RMS and -6.02 dB peak', () => {
    const pcm = Int16Array.from({ length: 4800 }, (_, i) =>
      Math.round(16384 * Math.sin((2 * Math.PI * 100 * i) / 48000)),
    );
    const { rmsDb, peakDb } = measureLevels(pcm);
    expect(rmsDb).toBeCloseTo(-9.03, 1);
    expect(peakDb).toBeCloseTo(-6.02, 1);
  });

  it('clamps silence to the floor', () => {
    expect(measureLevels(new Int16Array(100))).toEqual({ rmsDb: MIN_LEVEL_DB, peakDb: MIN_LEVEL_DB });
    expect(measureLevels(new Int16Array(0)).rmsDb).toBe(MIN_LEVEL_DB);
  });

  it('releases window levels at most once per interval', () => {
    const w = new LevelWindow(50);
    w.add(Int16Array.from([1000, -1000]));
    expect(w.take(0)).toBeDefined();
    w.add(Int16Array.from([1000]));
    expect(w.take(49)).toBeUndefined();
    const later = w.take(50);
    expect(later?.peakDb).toBeCloseTo(20 * Math.log10(1000 / 32768), 3);
  });
});

describe('FrameChunker', () => {
  it('re-slices arbitrary buffers into exact frames without losing samples', () => {
    const chunker = new FrameChunker(320);
    const frames: Int16Array[] = [];
    let next = 0;
    for (const size of [100, 333, 1000, 7, 600]) {
      const pcm = Int16Array.from({ length: size }, () => next++);
      frames.push(...chunker.push(pcm));
    }
    expect(frames.length).toBe(6);
    expect(chunker.bufferedSamples).toBe(2040 - 6 * 320);
    const flat = frames.flatMap((f) => Array.from(f));
    expect(flat).toEqual(Array.from({ length: 1920 }, (_, i) => i));
  });
});
