import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioEngine } from '../../src/audio/engine.js';
import type { AudioEngine } from '../../src/audio/engine-types.js';
import { AudioHostError } from '../../src/audio/host-errors.js';
import { listAudioDevices, listBackendDevices } from '../../src/audio/list-devices.js';
import { resolveDevice } from '../../src/audio/devices.js';
import type { VoicechatError } from '../../src/core/errors.js';
import { ensureAudioDevices, sleep, AUDIO_BACKEND, MIC, SPEAKER } from './audio-env.js';

const skipReason = ensureAudioDevices();
const HERE = dirname(fileURLToPath(import.meta.url));

let engine: AudioEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

async function startWithPids(): Promise<{
  engine: AudioEngine;
  pids: { role: string; pid: number }[];
  errors: VoicechatError[];
}> {
  const pids: { role: string; pid: number }[] = [];
  const errors: VoicechatError[] = [];
  const e = createAudioEngine(
    {
      input: { kind: 'device', device: MIC },
      output: { kind: 'device', device: SPEAKER },
      inputSampleRate: 16000,
      outputSampleRate: 24000,
    },
    { onHostSpawn: (info) => pids.push(info), backend: AUDIO_BACKEND },
  );
  e.onError(({ error }) => errors.push(error));
  await e.start();
  return { engine: e, pids, errors };
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!check()) {
    if (performance.now() - t0 > timeoutMs) break;
    await sleep(5);
  }
  return performance.now() - t0;
}

describe.skipIf(skipReason !== undefined)('audio host processes', () => {
  it.runIf(AUDIO_BACKEND === 'portaudio')('lists the virtual devices', async () => {
    const devices = await listAudioDevices();
    const names = devices.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['vc_speaker', 'vc_mic', 'vc_monitor']));
    expect(resolveDevice(devices, 'SPEAKER', 'output').name).toBe('vc_speaker');
  });

  it('lists the devices of the backend in use, and says which and why', async () => {
    const { backend, devices } = await listBackendDevices(AUDIO_BACKEND);
    expect(backend.backend).toBe(AUDIO_BACKEND);
    expect(backend.reason).toMatch(AUDIO_BACKEND === 'pulse' ? /pactl answers/ : /naudiodon2 \(PortAudio\) loads/);
    const names = devices.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining([SPEAKER, MIC]));
    // vc.pa makes vc_out/vc_mic the server defaults; PortAudio's default is the ALSA `default` PCM
    const defaults = [
      resolveDevice(devices, undefined, 'output').name,
      resolveDevice(devices, undefined, 'input').name,
    ];
    expect(defaults).toEqual(AUDIO_BACKEND === 'pulse' ? ['vc_out', 'vc_mic'] : ['default', 'default']);
  });

  it.runIf(AUDIO_BACKEND === 'portaudio')('nothing naudiodon prints reaches the parent stdout', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(HERE, 'fixtures-open-close.ts')], {
      env: process.env,
      timeout: 30_000,
    });
    expect(stdout).toBe('');
  });

  it('a killed capture host is a typed error within a second, and is respawned', async () => {
    const started = await startWithPids();
    engine = started.engine;
    const frames: number[] = [];
    engine.onFrame(() => frames.push(Date.now()));
    const capture = started.pids.find((p) => p.role === 'capture');
    expect(capture).toBeDefined();
    process.kill(capture?.pid ?? 0, 'SIGKILL');
    const waitedMs = await waitFor(() => started.errors.length > 0, 2000);
    expect(started.errors[0]).toBeInstanceOf(AudioHostError);
    expect(waitedMs).toBeLessThan(1000);
    console.log(`killed capture host reported after ${waitedMs.toFixed(0)} ms`);
    const before = frames.length;
    await waitFor(() => frames.length > before + 5, 5000);
    expect(frames.length).toBeGreaterThan(before + 5);
  });

  // pacat has no heartbeat: a stopped pacat is caught only once its pipe backs up (pulse-player.ts)
  it.runIf(AUDIO_BACKEND === 'portaudio')('a hung player host (SIGSTOP) is reported within a second', async () => {
    const started = await startWithPids();
    engine = started.engine;
    const player = started.pids.find((p) => p.role === 'player');
    process.kill(player?.pid ?? 0, 'SIGSTOP');
    const waitedMs = await waitFor(() => started.errors.length > 0, 2000);
    expect(started.errors[0]).toBeInstanceOf(AudioHostError);
    expect((started.errors[0] as AudioHostError).failure).toBe('unresponsive');
    expect(waitedMs).toBeLessThan(1000);
    console.log(`hung player host reported after ${waitedMs.toFixed(0)} ms`);
  });

  it.runIf(AUDIO_BACKEND === 'pulse')('a stopped pacat (SIGSTOP) is reported once its pipe backs up', async () => {
    const started = await startWithPids();
    engine = started.engine;
    const player = started.pids.find((p) => p.role === 'player');
    process.kill(player?.pid ?? 0, 'SIGSTOP');
    const e = engine;
    const feeder = setInterval(() => e.play(new Int16Array(480).fill(1000), 'r'), 20);
    const waitedMs = await waitFor(() => started.errors.length > 0, 6000);
    clearInterval(feeder);
    // the engine SIGKILLs it on the error already
    expect(started.errors[0]).toBeInstanceOf(AudioHostError);
    expect((started.errors[0] as AudioHostError).failure).toBe('unresponsive');
    // 64 KB of pipe (1.4 s at 24 kHz) + 1 s of our own buffer
    expect(waitedMs).toBeLessThan(4000);
    console.log(`stopped pacat reported after ${waitedMs.toFixed(0)} ms`);
  });

  it('an unknown device fails start() with the valid names', async () => {
    engine = createAudioEngine(
      {
        input: { kind: 'device', device: 'no-such-mic' },
        output: { kind: 'none' },
        inputSampleRate: 16000,
        outputSampleRate: 24000,
      },
      { backend: AUDIO_BACKEND },
    );
    await expect(engine.start()).rejects.toMatchObject({ exitCode: 69, hint: expect.stringContaining('vc_mic') });
  });
});
