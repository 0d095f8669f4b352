import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWavHeader } from '../../../src/audio/wav.js';
import { recordingPaths } from '../../../src/record/files.js';
import { expectedSizes, lastFullLineEnd, locateWavData, repairRecording } from '../../../src/record/repair.js';
import { StereoWavWriter } from '../../../src/record/stereo-wav-writer.js';
import { parseWav } from '../../support/wav-parse.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'vc-repair-'));

describe('repair (pure parts)', () => {
  it('finds the data chunk and the sizes a file length implies', () => {
    const layout = locateWavData(encodeWavHeader(0, 24000, 2))!;
    expect(layout).toEqual({ dataSizeAt: 40, dataStart: 44, blockAlign: 4 });
    expect(expectedSizes(layout, 44 + 4003)).toEqual({ dataBytes: 4000, keepBytes: 4044 });
    expect(locateWavData(Buffer.from('not a wav at all'))).toBeUndefined();
  });

  it('keeps a JSON Lines file up to its last newline', () => {
    expect(lastFullLineEnd(Buffer.from('{"a":1}\n{"b":'))).toBe(8);
    expect(lastFullLineEnd(Buffer.from('{"b":'))).toBe(0);
  });
});

describe('StereoWavWriter + repairRecording', () => {
  it('the header is valid after every sync, without close', () => {
    const dir = tmp();
    const w = new StereoWavWriter(recordingPaths(dir).wav, 24000);
    w.write(new Int16Array(480));
    w.sync();
    const wav = parseWav(readFileSync(recordingPaths(dir).wav));
    expect(wav).toMatchObject({ channels: 2, sampleRate: 24000, bitsPerSample: 16, dataBytes: 960 });
  });

  it('fixes stale header sizes and a torn last frame; trims a torn events line; idempotent', () => {
    const dir = tmp();
    const paths = recordingPaths(dir);
    const w = new StereoWavWriter(paths.wav, 24000);
    w.write(new Int16Array(1000));
    w.sync();
    w.write(new Int16Array(500)); // written, header not updated: what a kill -9 leaves
    appendFileSync(paths.wav, Buffer.from([1, 2, 3])); // a torn frame
    writeFileSync(paths.events, '{"recording":{}}\n{"tMs":1,"event":{"type":"notice"}}\n{"tMs":2,"ev');
    expect(() => parseWav(readFileSync(paths.wav))).toThrow();
    expect(repairRecording(dir)).toEqual({ wav: 'fixed', events: 'trimmed' });
    const wav = parseWav(readFileSync(paths.wav));
    expect(wav.dataBytes).toBe(3000);
    expect(statSync(paths.wav).size).toBe(3044);
    expect(readFileSync(paths.events, 'utf8').endsWith('"notice"}}\n')).toBe(true);
    expect(repairRecording(dir)).toEqual({ wav: 'ok', events: 'ok' });
  });

  it('reports missing files and leaves a non-WAV alone', () => {
    const dir = tmp();
    expect(repairRecording(dir)).toEqual({ wav: 'missing', events: 'missing' });
    writeFileSync(recordingPaths(dir).wav, 'garbage');
    expect(repairRecording(dir).wav).toBe('unreadable');
  });
});
