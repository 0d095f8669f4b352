import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, UsageError } from '../../../src/core/errors.js';
import { encodeWav, parseWav, readWavFile, WavFileWriter } from '../../../src/audio/wav.js';

function floatStereoWav(left: number[], right: number[], sampleRate: number): Buffer {
  const data = Buffer.alloc(left.length * 8);
  left.forEach((l, i) => {
    data.writeFloatLE(l, i * 8);
    data.writeFloatLE(right[i] ?? 0, i * 8 + 4);
  });
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(3, 20);
  header.writeUInt16LE(2, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 8, 28);
  header.writeUInt16LE(8, 32);
  header.writeUInt16LE(32, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('wav', () => {
  it('round-trips PCM16 mono', () => {
    const pcm = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const wav = parseWav(encodeWav(pcm, 24000));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.channels).toBe(1);
    expect(Array.from(wav.pcm)).toEqual(Array.from(pcm));
  });

  it('reads float32 stereo and downmixes to mono', () => {
    const wav = parseWav(floatStereoWav([0.5, -0.5, 1], [0.5, 0.5, 1], 44100));
    expect(wav.sampleRate).toBe(44100);
    expect(wav.channels).toBe(2);
    expect(Array.from(wav.pcm)).toEqual([16384, 0, 32767]);
  });

  it('rejects a file that is not a WAV, naming it', () => {
    expect(() => parseWav(Buffer.from('hello world, not audio'), 'x.wav')).toThrow(ConfigError);
    expect(() => parseWav(Buffer.from('hello world, not audio'), 'x.wav')).toThrow(/x\.wav/);
  });

  it('rejects a truncated data chunk', () => {
    const full = encodeWav(new Int16Array(1000), 16000);
    expect(() => parseWav(full.subarray(0, 500), 'cut.wav')).toThrow(/truncated/);
  });

  it('rejects a truncated header', () => {
    expect(() => parseWav(encodeWav(new Int16Array(10), 16000).subarray(0, 30), 'h.wav')).toThrow(ConfigError);
  });

  it('reports a missing file as a usage error with the path', () => {
    expect(() => readWavFile('/nonexistent/dir/a.wav')).toThrow(UsageError);
    expect(() => readWavFile('/nonexistent/dir/a.wav')).toThrow(/\/nonexistent\/dir\/a\.wav/);
  });

  it('streams a file with WavFileWriter and patches the sizes', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vc-wav-')), 'out.wav');
    const writer = new WavFileWriter(path, 16000);
    writer.write(Int16Array.from([1, 2, 3]));
    writer.write(Int16Array.from([4, 5]));
    writer.close();
    const wav = readWavFile(path);
    expect(Array.from(wav.pcm)).toEqual([1, 2, 3, 4, 5]);
    expect(wav.sampleRate).toBe(16000);
  });

  it('accepts an open-ended data chunk from a streaming writer', () => {
    const bytes = encodeWav(Int16Array.from([7, 8]), 8000);
    bytes.writeUInt32LE(0xffffffff, 40);
    writeFileSync(join(tmpdir(), 'vc-open.wav'), bytes);
    expect(Array.from(readWavFile(join(tmpdir(), 'vc-open.wav')).pcm)).toEqual([7, 8]);
  });
});
