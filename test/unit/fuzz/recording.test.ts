import { appendFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEventLine, parseEventLines } from '../../../src/record/event-line.js';
import { recordingPaths } from '../../../src/record/files.js';
import { repairRecording } from '../../../src/record/repair.js';
import { formatReplay } from '../../../src/record/replay-format.js';
import { StereoWavWriter } from '../../../src/record/stereo-wav-writer.js';
import { renderTranscriptMd } from '../../../src/record/transcript-md.js';
import { TranscriptBuilder } from '../../../src/record/transcript-model.js';
import { parseWav } from '../../support/wav-parse.js';
import { createRng, fuzzSettings } from './prng.js';
import { randomControllerEvent } from './random-events.js';

/** Recordings: random event streams render, and a file cut anywhere is repaired to a valid one. */
const { seed, scale } = fuzzSettings(0x5eed_0408);

describe('fuzz: recordings', () => {
  it(`${Math.round(500 * scale)} random event streams fold into a transcript that renders`, () => {
    const rng = createRng(seed);
    for (let n = 0; n < Math.round(500 * scale); n++) {
      const builder = new TranscriptBuilder();
      const lines: string[] = [];
      for (let s = 0, t = 0; s < 60; s++, t += rng.int(500)) {
        const event = randomControllerEvent(rng);
        lines.push(formatEventLine(event, t));
        builder.add({ tMs: t, event });
      }
      expect(parseEventLines(lines.join('')).events).toHaveLength(60);
      expect(renderTranscriptMd({ startedAt: undefined, turns: builder.turns, open: builder.openReplies })).toContain(
        '# voicechat recording',
      );
      expect(
        formatReplay({
          startedAt: undefined,
          durationMs: 1,
          turns: builder.turns,
          open: builder.openReplies,
          skippedLines: 0,
        }),
      ).toMatch(/^recording:/);
    }
  });

  it(`${Math.round(150 * scale)} recordings cut at a random byte are repaired to a parseable WAV and whole JSON lines`, () => {
    const rng = createRng(seed + 1);
    const dir = mkdtempSync(join(tmpdir(), 'vc-fuzz-rec-'));
    const paths = recordingPaths(dir);
    for (let n = 0; n < Math.round(150 * scale); n++) {
      const wav = new StereoWavWriter(paths.wav, 24000);
      const batches = 1 + rng.int(5);
      for (let b = 0; b < batches; b++) wav.write(new Int16Array(2 * (1 + rng.int(2000))));
      wav.close();
      // data written after the last header update
      if (rng.chance(0.5)) appendFileSync(paths.wav, Buffer.alloc(rng.int(5000)));
      const lines = Array.from({ length: 1 + rng.int(20) }, (_, i) =>
        formatEventLine(randomControllerEvent(rng), i),
      ).join('');
      writeFileSync(paths.events, lines);
      // the kill: both files end at an arbitrary byte
      const wavBytes = readFileSync(paths.wav).length;
      truncateSync(paths.wav, Math.max(44, rng.int(wavBytes + 1)));
      truncateSync(paths.events, rng.int(Buffer.byteLength(lines) + 1));
      repairRecording(dir);
      expect(parseWav(readFileSync(paths.wav)).channels).toBe(2);
      const text = readFileSync(paths.events, 'utf8');
      expect(text === '' || text.endsWith('\n')).toBe(true);
      expect(parseEventLines(text).skipped).toBe(0);
    }
  });
});
