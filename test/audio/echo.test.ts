import { afterAll, describe, expect, it } from 'vitest';
import { livekitApmIdle, loadLivekitApm } from '../../src/audio/echo/livekit-apm-loader.js';
import { ensureAudioDevices } from './audio-env.js';
import { loadEchoPath, runConversation, type EchoPath } from './echo-rig.js';

const skipReason = ensureAudioDevices();
const apm = loadLivekitApm();

/**
 * The laptop-speaker case on the virtual devices: vc_out's monitor is looped into the microphone
 * bus (120 ms, -6 dB), replies go through real PortAudio streams, and an energy VAD on what the
 * engine sends stands in for the provider's server VAD (speech_started after 200 ms above -45 dBFS).
 */
describe.skipIf(skipReason !== undefined || !apm.ok)('echo cancellation on the virtual devices', () => {
  let path: EchoPath | undefined;
  afterAll(async () => {
    path?.unload();
    await livekitApmIdle();
  });

  // The engine-level twin of test/audio/cli-echo.test.ts (which runs in CI: the built CLI against a
  // VAD-acting server, the end-to-end test) with ERLE measured on the raw and sent streams.
  // 60 s per backend, so on demand (VOICECHAT_ECHO_ACCEPTANCE=1); bench/echo.ts runs the same rig.
  it.runIf(process.env['VOICECHAT_ECHO_ACCEPTANCE'] === '1')(
    'acceptance: no self-interruption over a 60 s multi-reply conversation, and a person still barges in',
    async () => {
      path ??= loadEchoPath({ latencyMs: 120, gainDb: -6 });
      const local = await runConversation({ mode: 'local', seconds: 60, talkAtSeconds: [30] });
      expect(local.echoStatus).toBe('aec3');
      expect(local.replies).toBeGreaterThanOrEqual(4);
      expect(local.selfInterruptions).toBe(0);
      expect(local.erleDb).toBeGreaterThanOrEqual(15);
      // measured from the spawn of the talker's pacat (its own start-up is included): the 200 ms
      // the VAD needs plus at most 300 ms
      expect(local.bargeInMs).toHaveLength(1);
      expect(local.bargeInMs[0]).toBeLessThanOrEqual(500);
    },
    120_000,
  );
});
