import { describe, expect, it } from 'vitest';
import { createResampler } from '../../../src/audio/resampler.js';
import { resampleBlockSamples, ResampleAccumulator } from '../../../src/audio/resample-accumulator.js';

function sine(samples: number, rate: number, hz: number, amplitude = 12000): Int16Array {
  const out = new Int16Array(samples);
  for (let i = 0; i < samples; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
  return out;
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('ResampleAccumulator', () => {
  it('derives the smallest block with an integer output length', () => {
    expect(resampleBlockSamples(48000, 16000)).toBe(3);
    expect(resampleBlockSamples(48000, 24000)).toBe(2);
    expect(resampleBlockSamples(24000, 48000)).toBe(1);
    expect(resampleBlockSamples(44100, 16000)).toBe(441);
  });

  it('hands out whole blocks and carries the rest', () => {
    const acc = new ResampleAccumulator(48000, 16000);
    expect(acc.push(new Int16Array(1000)).length).toBe(999);
    expect(acc.carriedSamples).toBe(1);
    expect(acc.push(new Int16Array(2)).length).toBe(3);
    expect(acc.carriedSamples).toBe(0);
  });
});

describe('speex resampler with arbitrary chunk sizes', () => {
  const seconds = 2;
  const pairs: [number, number][] = [
    [48000, 16000],
    [48000, 24000],
    [24000, 48000],
  ];
  for (const [inRate, outRate] of pairs) {
    for (const chunkSamples of [1000, 333, 441]) {
      it(`${inRate}->${outRate} in ${chunkSamples}-sample chunks matches one-shot`, async () => {
        const input = sine(inRate * seconds, inRate, 440);
        const oneShot = (await createResampler(inRate, outRate)).process(input);
        const chunked = await createResampler(inRate, outRate);
        const parts: Int16Array[] = [];
        for (let i = 0; i < input.length; i += chunkSamples)
          parts.push(chunked.process(input.subarray(i, i + chunkSamples)));
        const output = concat(parts);
        expect(output.length).toBe(outRate * seconds);
        expect(oneShot.length).toBe(outRate * seconds);
        // past the filter delay the two must agree to the LSB
        let maxDeviation = 0;
        for (let i = 100; i < output.length; i++) {
          maxDeviation = Math.max(maxDeviation, Math.abs((output[i] ?? 0) - (oneShot[i] ?? 0)));
        }
        expect(maxDeviation).toBeLessThanOrEqual(2);
      });
    }
  }

  it('keeps the frequency of a tone', async () => {
    const rs = await createResampler(48000, 16000);
    const out = rs.process(sine(48000, 48000, 1000));
    let crossings = 0;
    for (let i = 200; i < out.length; i++) if ((out[i - 1] ?? 0) < 0 && (out[i] ?? 0) >= 0) crossings++;
    expect(crossings / ((out.length - 200) / 16000)).toBeCloseTo(1000, -1);
  });

  it('passes equal rates through untouched', async () => {
    const rs = await createResampler(24000, 24000);
    const pcm = sine(480, 24000, 440);
    expect(rs.process(pcm)).toBe(pcm);
  });
});
