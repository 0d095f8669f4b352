import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../../../src/audio/engine.js';
import type { AudioEngine, AudioLevels } from '../../../../src/audio/engine-types.js';
import { encodeWav } from '../../../../src/audio/wav.js';
import { echoOf, energy, speechLike } from '../../../support/synthetic-echo.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let engine: AudioEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

/**
 * Files as devices: the virtual player plays a reply from t=0 and the "microphone" WAV holds its
 * echo (150 ms, -6 dB), paced in real time, so the engine's echo path runs end to end without a
 * sound card. The gate is used: it works on levels, so file pacing is aligned enough.
 */
describe('engine with echo processing', () => {
  it('sends, meters and taps the cleaned microphone; the far end follows the player', async () => {
    const rate = 16_000;
    const reply = speechLike({ sampleRate: rate, seconds: 3, seed: 1, pitchHz: 200, levelDb: -10, pauseRatio: 0 });
    const echo = echoOf(reply, { sampleRate: rate, delayMs: 150, gainDb: -6 });
    const dir = mkdtempSync(join(tmpdir(), 'vc-echo-engine-'));
    const mic = join(dir, 'mic.wav');
    writeFileSync(mic, encodeWav(echo, rate));
    const raw: Int16Array[] = [];
    const cleaned: Int16Array[] = [];
    engine = createAudioEngine(
      {
        input: { kind: 'file', path: mic },
        output: { kind: 'none' },
        inputSampleRate: rate,
        outputSampleRate: rate,
        echo: { mode: 'gate', noiseSuppression: false },
      },
      { onEchoFrames: (r, c) => (raw.push(r), cleaned.push(c)) },
    );
    const sent: Int16Array[] = [];
    const levels: AudioLevels[] = [];
    engine.onFrame((pcm) => sent.push(pcm));
    engine.onLevels((l) => levels.push(l.input));
    await engine.start();
    engine.play(reply, 'r1'); // 3 s at once; the far end must follow the player, not this call
    await sleep(3000);
    expect(engine.echoStatus?.()).toEqual({ echo: 'gate', noiseSuppression: false });
    // what is sent is what the canceller returned
    expect(sent.length).toBe(cleaned.length);
    expect(sent.every((f, i) => f === cleaned[i])).toBe(true);
    const rawEnergy = raw.reduce((e, f) => e + energy(f), 0);
    const sentEnergy = sent.reduce((e, f) => e + energy(f), 0);
    // the first second is the gate learning; overall the echo is well down
    expect(10 * Math.log10(rawEnergy / sentEnergy)).toBeGreaterThan(10);
    // the meter shows the sent level, far below the raw echo's (-16 dBFS RMS or so while it plays)
    const loudest = Math.max(...levels.slice(-20).map((l) => l.rmsDb));
    expect(loudest).toBeLessThan(-35);
  });

  it('without the option nothing changes: raw frames, no status', async () => {
    engine = createAudioEngine({
      input: { kind: 'none' },
      output: { kind: 'none' },
      inputSampleRate: 16_000,
      outputSampleRate: 24_000,
    });
    await engine.start();
    expect(engine.echoStatus?.()).toBeUndefined();
  });
});
