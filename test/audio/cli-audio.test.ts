import { describe, expect, it } from 'vitest';
import { startReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { runCli } from '../support/run-cli.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLivekitApm } from '../../src/audio/echo/livekit-apm-loader.js';
import { ensureAudioDevices, recordMonitor, sleep, AUDIO_BACKEND, SPEAKER } from './audio-env.js';

const problem = ensureAudioDevices();

describe.skipIf(problem !== undefined)(`CLI on the virtual devices (${AUDIO_BACKEND})`, () => {
  // both backends in every pass: `devices` is cheap, and each must see the virtual devices
  it.each([
    ['portaudio', 'vc_speaker', /naudiodon2 \(PortAudio\) loads/],
    ['pulse', 'vc_out', /pactl answers/],
  ] as const)(
    'voicechat devices --audio-backend %s lists the virtual devices and says why; --json parses',
    async (backend, speaker, why) => {
      const plain = await runCli(['devices', '--audio-backend', backend]);
      expect(plain.code).toBe(0);
      const first = plain.stdout.split('\n')[0] ?? '';
      expect(first).toMatch(new RegExp(`^Audio backend: ${backend} \\(chosen \\(--audio-backend ${backend}\\); `));
      expect(first).toMatch(why);
      expect(plain.stdout).toContain(speaker);
      expect(plain.stdout).toContain('vc_mic');
      const json = await runCli(['devices', '--json', '--audio-backend', backend]);
      const parsed = JSON.parse(json.stdout) as {
        backend: { backend: string };
        input: { name: string }[];
        output: { name: string }[];
      };
      expect(parsed.backend.backend).toBe(backend);
      expect(parsed.input.map((d) => d.name)).toContain('vc_mic');
      expect(parsed.output.map((d) => d.name)).toContain(speaker);
    },
  );

  it('voicechat devices: a config audioBackend counts, auto says why, a bad name is refused', async () => {
    const home = mkdtempSync(join(tmpdir(), 'vc-devcfg-'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ settings: { audioBackend: 'pulse' } }));
    const configured = await runCli(['devices'], { env: { VOICECHAT_CONFIG_DIR: home } });
    expect(configured.stdout.split('\n')[0]).toContain('Audio backend: pulse (chosen');
    const auto = await runCli(['devices'], {
      env: { VOICECHAT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'vc-devauto-')) },
    });
    expect(auto.stdout.split('\n')[0]).toMatch(/^Audio backend: (portaudio|pulse) \(auto: /);
    const bad = await runCli(['devices', '--audio-backend', 'alsa']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('Unknown audio backend "alsa"');
    expect(bad.stderr).toContain('auto, portaudio, pulse');
  });

  it('voicechat doctor says which backend is in use and why, and whether WebRTC AEC3 loads', async () => {
    const result = await runCli(['doctor', '--audio-backend', AUDIO_BACKEND], {
      env: { VOICECHAT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'vc-doctor-')) },
    });
    expect(result.stdout).toMatch(
      new RegExp(`audio backend\\s+${AUDIO_BACKEND} \\(chosen \\(--audio-backend ${AUDIO_BACKEND}\\)`),
    );
    expect(result.stdout).toMatch(/audio output\s+.*opens at 48000 Hz/);
    const apm = loadLivekitApm();
    expect(result.stdout).toContain(
      apm.ok ? `local: WebRTC AEC3 loads (${apm.binaryPackage})` : 'local: the echo gate (WebRTC AEC3 unavailable',
    );
    expect(result.stdout).toContain('server on Azure AI Voice Live');
  });

  it('an unknown device is exit 69 with the valid names', async () => {
    const server = await startReplayServer({
      trace: loadBidiTrace('openai-beta__text-in__audio-out__full-response'),
      dialect: 'openai',
    });
    const result = await runCli(
      [
        '--endpoint',
        `${server.httpBase}/v1`,
        '--text',
        'hi',
        '--speak',
        '--output-device',
        'no-such-speaker',
        '--audio-backend',
        AUDIO_BACKEND,
      ],
      {
        env: { OPENAI_API_KEY: 'sk-test-DEVICE-1234567' },
      },
    );
    await server.close();
    expect(result.code).toBe(69);
    expect(result.stderr).toContain('no-such-speaker');
    expect(result.stderr).toContain(SPEAKER);
  });

  it('--text --speak plays the spoken reply on the speaker and exits once it has played', async () => {
    const trace = loadBidiTrace('openai-beta__text-in__audio-out__full-response');
    const audioMs =
      trace
        .filter((l) => l.event['type'] === 'response.audio.delta')
        .reduce((n, l) => n + Buffer.from(l.event['delta'] as string, 'base64').length, 0) / 48;
    const server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440 });
    const monitor = recordMonitor();
    await sleep(200);
    const result = await runCli(
      [
        '--endpoint',
        `${server.httpBase}/v1`,
        '--text',
        'hi',
        '--speak',
        '--output-device',
        SPEAKER,
        '--audio-backend',
        AUDIO_BACKEND,
      ],
      {
        env: { OPENAI_API_KEY: 'sk-test-SPEAK-7654321' },
      },
    );
    await sleep(200);
    await monitor.stop();
    await server.close();
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(10);
    // the process stayed until the reply had played
    expect(result.durationMs).toBeGreaterThan(audioMs);
    const pcm = monitor.samples();
    let loud = 0;
    for (const s of pcm) if (Math.abs(s) > 2000) loud++;
    const loudMs = loud / 48;
    // a 440 Hz tone of amplitude 8000 is above 2000 for ~84% of samples
    expect(loudMs).toBeGreaterThan(audioMs * 0.7);
  });
});
