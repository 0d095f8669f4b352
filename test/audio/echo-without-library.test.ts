import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { REPO_ROOT, runCliInterrupted } from '../support/run-cli.js';
import { ensureAudioDevices, AUDIO_BACKEND, SPEAKER } from './audio-env.js';

const problem = ensureAudioDevices();

/**
 * An install without the optional WebRTC module: the built CLI (bin, dist, package.json) in a
 * temporary directory whose node_modules links every package of the real one except @livekit.
 * Node resolves the loader's require from the copy's dist, so the module is simply not there.
 */
function installWithoutLivekit(): string {
  const root = mkdtempSync(join(tmpdir(), 'vc-nolivekit-'));
  for (const part of ['bin', 'dist', 'package.json'])
    cpSync(join(REPO_ROOT, part), join(root, part), { recursive: true });
  mkdirSync(join(root, 'node_modules'));
  for (const name of readdirSync(join(REPO_ROOT, 'node_modules'))) {
    if (name === '@livekit') continue;
    symlinkSync(join(REPO_ROOT, 'node_modules', name), join(root, 'node_modules', name));
  }
  return root;
}

function run(root: string, args: string[], when?: RegExp): ReturnType<typeof runCliInterrupted> {
  const env = { HOME: mkdtempSync(join(tmpdir(), 'vc-nolivekit-home-')), OPENAI_API_KEY: 'sk-test-NOLIVEKIT-31337' };
  return runCliInterrupted(args, { root, env, when });
}

describe.skipIf(problem !== undefined)('without the WebRTC module installed', () => {
  let root: string;
  let server: ReplayServer;
  beforeAll(async () => {
    root = installWithoutLivekit();
    server = await startReplayServer({
      trace: loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response'),
      dialect: 'openai',
      gateTimeoutMs: 20_000,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('voicechat starts on the devices and says it uses the echo gate, and why', async () => {
    const args = ['--endpoint', `${server.httpBase}/v1`, '--no-tui', '--input-device', 'vc_mic'];
    const result = await run(
      root,
      [...args, '--output-device', SPEAKER, '--audio-backend', AUDIO_BACKEND],
      /audio: echo/,
    );
    expect(result.stderr).toMatch(
      new RegExp(`audio: echo gate, backend ${AUDIO_BACKEND} \\(.*not installed.*using the echo gate`),
    );
    // stopped by Ctrl+C once it had said so: a clean interrupt, not a crash
    expect(result.code).toBe(130);
  });

  it('--explain and doctor say the same', async () => {
    const explain = await run(root, ['--provider', 'openai', '--explain']);
    expect(explain.stdout).toMatch(
      /echo: local: OpenAI Realtime has no server echo cancellation; WebRTC AEC3 unavailable \(.*not installed.*\): the echo gate runs instead/,
    );
    const doctor = await run(root, ['doctor', '--skip-audio']);
    expect(doctor.stdout).toMatch(
      /echo cancellation\s+local: the echo gate \(WebRTC AEC3 unavailable: .*not installed/,
    );
    expect(doctor.stdout).toContain('platform binary @livekit/rtc-ffi-bindings-');
  });
});
