import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { createEmitter } from '../../../src/core/emitter.js';
import { attachRecorder } from '../../../src/record/attach-recorder.js';
import { parseEventLines } from '../../../src/record/event-line.js';
import { recordingPaths } from '../../../src/record/files.js';
import { isMicSent } from '../../../src/record/mic-gate.js';
import { createRecorder } from '../../../src/record/recorder.js';
import { setAsidePrevious } from '../../../src/record/start-recording.js';
import { FakeEngine } from '../../support/fakes.js';
import { parseWav } from '../../support/wav-parse.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'vc-rec-'));
const filled = (n: number, v: number) => new Int16Array(n).fill(v);
const channels = (data: Buffer) => {
  const s = new Int16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  const left: number[] = [];
  const right: number[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) {
    left.push(s[i]!);
    right.push(s[i + 1]!);
  }
  return { left, right };
};
const firstNonZero = (xs: number[]) => xs.findIndex((x) => x !== 0);

describe('createRecorder', () => {
  it('writes mic left and played audio right on one wall-clock timeline, silence between', async () => {
    const dir = tmp();
    let clock = 1000;
    const rec = await createRecorder(dir, { inputSampleRate: 24000, outputSampleRate: 24000, now: () => clock });
    clock += 100;
    rec.mic(filled(480, 100)); // 80..100 ms
    clock += 400;
    rec.played(filled(2400, -200)); // 400..500 ms
    clock += 500;
    rec.close();
    const wav = parseWav(readFileSync(recordingPaths(dir).wav));
    expect(wav).toMatchObject({ channels: 2, sampleRate: 24000 });
    const { left, right } = channels(wav.data);
    expect(left.length).toBe(24000); // the full second
    expect(firstNonZero(left)).toBe(1920);
    expect(left.filter((x) => x === 100)).toHaveLength(480);
    expect(firstNonZero(right)).toBe(9600);
    expect(right.filter((x) => x === -200)).toHaveLength(2400);
  });

  it('resamples a 16 kHz mic to the recording rate', async () => {
    const dir = tmp();
    let clock = 0;
    const rec = await createRecorder(dir, { inputSampleRate: 16000, outputSampleRate: 24000, now: () => clock });
    for (let i = 0; i < 50; i++) {
      clock += 20;
      rec.mic(filled(320, 1000));
    }
    rec.close();
    const wav = parseWav(readFileSync(recordingPaths(dir).wav));
    const { left } = channels(wav.data);
    expect(Math.abs(left.length - 24000)).toBeLessThanOrEqual(480);
    expect(left.filter((x) => Math.abs(x - 1000) < 50).length).toBeGreaterThan(22000);
  });

  it('events.jsonl has a header and timed events without levels; transcript.md is rewritten per turn', async () => {
    const dir = tmp();
    let clock = 0;
    const rec = await createRecorder(dir, { inputSampleRate: 24000, outputSampleRate: 24000, now: () => clock });
    const events: ControllerEvent[] = [
      { type: 'levels', input: { rmsDb: -60, peakDb: -60 }, output: { rmsDb: -60, peakDb: -60 } },
      { type: 'user.text', text: 'hello' },
    ];
    for (const e of events) {
      clock += 250;
      rec.event(e);
    }
    expect(readFileSync(recordingPaths(dir).transcript, 'utf8')).toContain('**You** (00:00.5, typed): hello');
    rec.close();
    const parsed = parseEventLines(readFileSync(recordingPaths(dir).events, 'utf8'));
    expect(parsed.header?.sampleRate).toBe(24000);
    expect(parsed.events).toEqual([{ tMs: 500, event: { type: 'user.text', text: 'hello' } }]);
  });
});

describe('attachRecorder', () => {
  it('records only the frames the controller sends (mute, push-to-talk) and the played audio', () => {
    const controller = createEmitter<ControllerEvent>();
    const engine = new FakeEngine();
    const got = { mic: 0, played: 0, events: [] as string[] };
    attachRecorder(
      controller,
      engine,
      {
        dir: '',
        mic: (p) => (got.mic += p.length),
        played: (p) => (got.played += p.length),
        event: (e) => got.events.push(e.type),
        close: () => undefined,
      },
      { vad: 'manual' },
    );
    engine.mic(new Int16Array(10)); // manual, not recording: not sent
    controller.emit({ type: 'mic', muted: false, recording: true });
    engine.mic(new Int16Array(10));
    controller.emit({ type: 'mic', muted: true, recording: true });
    engine.mic(new Int16Array(10));
    engine.hear(new Int16Array(7), 'r1');
    expect(got).toEqual({ mic: 10, played: 7, events: ['mic', 'mic'] });
  });

  it('a failing recorder detaches and reports once; the caller keeps going', () => {
    const controller = createEmitter<ControllerEvent>();
    const engine = new FakeEngine();
    const errors: string[] = [];
    attachRecorder(
      controller,
      engine,
      {
        dir: '',
        mic: () => undefined,
        played: () => undefined,
        event: () => {
          throw new Error('ENOSPC');
        },
        close: () => undefined,
      },
      { vad: 'server', onError: (e) => errors.push(e.message) },
    );
    controller.emit({ type: 'notice', message: 'a' });
    controller.emit({ type: 'notice', message: 'b' });
    expect(errors).toEqual(['ENOSPC']);
    expect(controller.size).toBe(0);
  });

  it('mic gate mirrors the controller rule', () => {
    expect(isMicSent('server', { muted: false, recording: false })).toBe(true);
    expect(isMicSent('server', { muted: true, recording: false })).toBe(false);
    expect(isMicSent('manual', { muted: false, recording: false })).toBe(false);
    expect(isMicSent('manual', { muted: false, recording: true })).toBe(true);
  });
});

describe('setAsidePrevious', () => {
  it('repairs and moves an earlier recording into previous-…', async () => {
    const dir = tmp();
    const rec = await createRecorder(dir, { inputSampleRate: 24000, outputSampleRate: 24000 });
    rec.close();
    const moved = setAsidePrevious(dir);
    expect(moved).toMatch(/previous-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d$/);
    expect(readFileSync(join(moved!, 'events.jsonl'), 'utf8')).toContain('"recording"');
    expect(setAsidePrevious(dir)).toBeUndefined();
  });
});
