import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../../src/audio/engine.js';
import { PlayedTap } from '../../../src/audio/played-tap.js';

const ramp = (n: number, from = 0) => Int16Array.from({ length: n }, (_, i) => (from + i) % 30000);
const collect = () => {
  const out: { id: string; pcm: number[] }[] = [];
  const emit = (pcm: Int16Array, id: string) => out.push({ id, pcm: [...pcm] });
  return {
    out,
    emit,
    samples: (id?: string) => out.filter((o) => id === undefined || o.id === id).flatMap((o) => o.pcm),
  };
};

describe('PlayedTap', () => {
  it('emits audio as the playhead passes it, converting sink samples to session samples', () => {
    const tap = new PlayedTap(24000, 48000);
    const c = collect();
    tap.push(ramp(2400), 'r1');
    tap.advance(() => 1000, c.emit);
    expect(c.samples()).toEqual([...ramp(500)]);
    tap.advance(() => 4800, c.emit);
    expect(c.samples()).toEqual([...ramp(2400)]);
    expect(tap.pendingSamples).toBe(0);
  });

  it('never emits audio dropped by a flush, and re-bases the response after it', () => {
    const tap = new PlayedTap(24000, 24000);
    const c = collect();
    tap.push(ramp(2400), 'r1');
    tap.advance(() => 600, c.emit);
    tap.flush(new Map([['r1', 1000]]), c.emit);
    expect(c.samples('r1')).toEqual([...ramp(1000)]);
    expect(tap.pendingSamples).toBe(0);
    // more audio of the same response after the flush starts from the re-based position
    tap.push(ramp(100, 5000), 'r1');
    tap.advance(() => 1050, c.emit);
    expect(c.samples('r1').slice(1000)).toEqual([...ramp(50, 5000)]);
  });

  it('keeps responses apart and emitAll plays out the rest', () => {
    const tap = new PlayedTap(24000, 24000);
    const c = collect();
    tap.push(ramp(100), 'a');
    tap.push(ramp(100, 200), 'b');
    tap.advance((id) => (id === 'a' ? 100 : 30), c.emit);
    expect(c.samples('a')).toHaveLength(100);
    expect(c.samples('b')).toHaveLength(30);
    tap.emitAll(c.emit);
    expect(c.samples('b')).toEqual([...ramp(100, 200)]);
  });
});

describe('AudioEngine.onPlayed with the file sink', () => {
  it('emits exactly what was played: the flushed response up to the cut, then all of the next', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vc-played-')), 'out.wav');
    const engine = createAudioEngine({
      input: { kind: 'none' },
      output: { kind: 'file', path: out },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    });
    const heard = new Map<string, number>();
    engine.onPlayed((pcm, id) => heard.set(id, (heard.get(id) ?? 0) + pcm.length));
    await engine.start();
    engine.play(ramp(48000), 'r1');
    await new Promise((r) => setTimeout(r, 300));
    const [report] = engine.flush();
    engine.play(ramp(2400), 'r2');
    await engine.drain();
    await engine.stop();
    const playedR1 = Math.round(((report?.playedMs ?? 0) * 24000) / 1000);
    expect(Math.abs((heard.get('r1') ?? 0) - playedR1)).toBeLessThanOrEqual(1);
    expect(heard.get('r2')).toBe(2400);
  });
});
