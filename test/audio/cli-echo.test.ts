import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { livekitApmIdle, loadLivekitApm } from '../../src/audio/echo/livekit-apm-loader.js';
import { runCliInterrupted } from '../support/run-cli.js';
import { startVadServer, type VadServer } from '../support/vad-server.js';
import { AUDIO_BACKEND, ensureAudioDevices, MIC, sleep, SPEAKER } from './audio-env.js';
import { loadEchoPath, personSpeech, SHORT_REPLIES, spokenReplies, talkIntoMic, type EchoPath } from './echo-rig.js';

const problem = ensureAudioDevices();
const apm = loadLivekitApm();
const RATE = 24_000;

/** The built CLI on the devices for `seconds` after its audio is up, then Ctrl+C, as a person would end it. */
function runVoicechat(url: string, echo: string, seconds: number, onStart?: () => void) {
  const env = { HOME: mkdtempSync(join(tmpdir(), 'vc-cli-echo-home-')), OPENAI_API_KEY: 'sk-test-CLIECHO-4242' };
  const args = ['--provider', 'openai', '--endpoint', url, '--no-tui', '--audio-backend', AUDIO_BACKEND];
  args.push('--input-device', MIC, '--output-device', SPEAKER, '--echo-cancellation', echo);
  return runCliInterrupted(args, {
    env,
    when: /audio: echo/,
    afterMs: seconds * 1000,
    onMatch: onStart,
    timeoutMs: (seconds + 30) * 1000,
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
  const replies = spokenReplies(SHORT_REPLIES, RATE);
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
    const person = personSpeech(RATE);
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
