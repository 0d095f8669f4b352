import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../src/audio/engine.js';
import type { AudioEngine } from '../../src/audio/engine-types.js';
import { ensureAudioDevices, sleep, AUDIO_BACKEND, MIC } from './audio-env.js';

const skipReason = ensureAudioDevices();

/** Best normalised cross-correlation of `needle` inside `haystack` (lags stepped coarse then fine). */
function bestCorrelation(haystack: Int16Array, needle: Int16Array): { corr: number; lag: number } {
  const energyOf = (a: Int16Array, from: number) => {
    let e = 0;
    for (let i = 0; i < needle.length; i++) e += (a[from + i] ?? 0) ** 2;
    return e;
  };
  const needleEnergy = energyOf(needle, 0);
  const at = (lag: number) => {
    let dot = 0;
    for (let i = 0; i < needle.length; i++) dot += (haystack[lag + i] ?? 0) * (needle[i] ?? 0);
    const e = energyOf(haystack, lag);
    return e === 0 ? 0 : dot / Math.sqrt(e * needleEnergy);
  };
  let best = { corr: -1, lag: 0 };
  for (let lag = 0; lag + needle.length <= haystack.length; lag += 8) {
    const c = at(lag);
    if (c > best.corr) best = { corr: c, lag };
  }
  for (let lag = Math.max(0, best.lag - 8); lag <= best.lag + 8; lag++) {
    const c = at(lag);
    if (c > best.corr) best = { corr: c, lag };
  }
  return best;
}

let engine: AudioEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

describe.skipIf(skipReason !== undefined)('capture from the virtual microphone', () => {
  it('speech played into vc_mic_bus reaches onFrame intact at 16 kHz', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vc-capture-'));
    const wav = join(dir, 'speech.wav');
    const raw = join(dir, 'speech16k.raw');
    execFileSync('espeak-ng', [
      '-v',
      'en-us',
      '-s',
      '170',
      '-w',
      wav,
      'Hello, this is a test of the voice chat microphone path.',
    ]);
    execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
    const bytes = readFileSync(raw);
    const source = new Int16Array(bytes.length >> 1);
    Buffer.from(source.buffer).set(bytes.subarray(0, source.length * 2));

    engine = createAudioEngine(
      {
        input: { kind: 'device', device: MIC },
        output: { kind: 'none' },
        inputSampleRate: 16000,
        outputSampleRate: 24000,
      },
      { backend: AUDIO_BACKEND },
    );
    const frames: Int16Array[] = [];
    engine.onFrame((f) => frames.push(f));
    const levels: number[] = [];
    engine.onLevels((l) => levels.push(l.input.peakDb));
    await engine.start();
    await sleep(200);
    const player = spawn('paplay', ['--device=vc_mic_bus', wav], { stdio: 'ignore' });
    await new Promise((r) => player.once('exit', r));
    await sleep(400);

    expect(frames.every((f) => f.length === 320)).toBe(true);
    const captured = new Int16Array(frames.length * 320);
    frames.forEach((f, i) => captured.set(f, i * 320));
    const { corr, lag } = bestCorrelation(captured, source);
    console.log(`speech: correlation ${corr.toFixed(4)} at lag ${(lag / 16).toFixed(0)} ms, ${frames.length} frames`);
    expect(corr).toBeGreaterThan(0.9);
    expect(Math.max(...levels)).toBeGreaterThan(-20);

    // muted: frames keep coming, all silent
    engine.setMuted(true);
    await sleep(100);
    const mutedFrom = frames.length;
    const again = spawn('paplay', ['--device=vc_mic_bus', wav], { stdio: 'ignore' });
    await sleep(800);
    again.kill();
    expect(frames.length - mutedFrom).toBeGreaterThan(20);
    expect(frames.slice(mutedFrom).every((f) => f.every((s) => s === 0))).toBe(true);
  });
});
