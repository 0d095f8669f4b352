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

  // The end-to-end bound: no self-interruption in 60 s, the echo at the server >= 20 dB
  // below `off`'s, and a person still barges in. One retry: a device test on a machine other jobs
  // load can miss a deadline (the host and pacat underrun mid-reply); a regression fails both runs.
  it(
    'with local AEC3 it never interrupts itself, the echo at the server drops by >= 20 dB, and a person still barges in',
    { retry: 1, timeout: 120_000 },
    async () => {
      path ??= loadEchoPath({ latencyMs: 120, gainDb: -6 });
      server = await startVadServer({ replies, pace: 4 });
      const person = personSpeech(RATE);
      const s = server;
      // a person interrupts twice: 3 s into the 4th reply (after hearing part of it), and 0.5 s into
      // the 6th (inside the guard at a reply's start: see ONSET_GUARD_FRAMES)
      const talks: { reply: number; afterMs: number; atMs?: number }[] = [
        { reply: 3, afterMs: 3000 },
        { reply: 5, afterMs: 500 },
      ];
      const talkAt = async (talk: (typeof talks)[number]): Promise<void> => {
        while (s.replyStartsMs.length <= talk.reply) await sleep(20);
        const atMs = s.startedAtMs + (s.replyStartsMs[talk.reply] ?? 0) + talk.afterMs;
        await sleep(atMs - performance.now());
        talk.atMs = performance.now();
        await talkIntoMic(person, RATE);
      };
      const run = await runVoicechat(s.url, 'local', 60, () => {
        void (async () => {
          for (const talk of talks) await talkAt(talk);
        })();
      });
      expect(run.stderr).toMatch(/audio: echo local, backend /);
      expect(run.code).toBe(130);
      expect(s.repliesStarted).toBeGreaterThanOrEqual(6);
      // a speech start within 3 s of a talk is the person's (`atMs` counts from the server's start)
      const isAfter = (talk: (typeof talks)[number], atMs: number): boolean =>
        talk.atMs !== undefined && s.startedAtMs + atMs >= talk.atMs && s.startedAtMs + atMs <= talk.atMs + 3000;
      const byPerson = (atMs: number): boolean => talks.some((t) => isAfter(t, atMs));
      const selfInterruptions = s.speechStarts.filter((x) => x.duringReply && !byPerson(x.atMs));
      const timeline = `reply starts ${JSON.stringify(s.replyStartsMs.map(Math.round))}, speech starts ${JSON.stringify(s.speechStarts)}`;
      expect(offEchoDb).toBeDefined();
      // the person's speech is not echo
      const localEchoDb = s.echoLevelDb((atMs) =>
        talks.some((t) => t.atMs !== undefined && s.startedAtMs + atMs >= t.atMs - 500),
      );
      expect(
        localEchoDb,
        `echo at the server: off ${offEchoDb?.toFixed(1)} dBFS, local ${localEchoDb.toFixed(1)} dBFS; ` +
          `self-interruptions ${selfInterruptions.length} in ${s.repliesStarted} replies`,
      ).toBeLessThanOrEqual((offEchoDb ?? 0) - 20);
      expect(selfInterruptions, `speech_started while only the assistant spoke: ${timeline}`).toEqual([]);
      // Each time the person was heard. Mid-reply the bound is 200 ms of VAD plus at most 300
      // ms (the talker's pacat start included); CI allows 1 s for a loaded machine. In a reply's
      // first 2 s the guard asks a talker to be louder than the uncancelled echo; this one is not
      // (as loud as the assistant, 6 dB over its echo): heard when the guard ends.
      const bounds = [process.env['VOICECHAT_ECHO_ACCEPTANCE'] === '1' ? 500 : 1000, 2500];
      talks.forEach((talk, i) => {
        const heard = s.speechStarts.find((x) => isAfter(talk, x.atMs));
        expect(heard, `talk ${i} not heard: ${timeline}`).toBeDefined();
        const heardAfterMs = s.startedAtMs + (heard?.atMs ?? 0) - (talk.atMs ?? 0);
        expect(heardAfterMs, `talk ${i}: ${timeline}`).toBeLessThanOrEqual(bounds[i] ?? 0);
      });
    },
  );
});
