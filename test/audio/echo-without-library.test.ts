import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { REPO_ROOT } from '../support/run-cli.js';
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

function run(
  root: string,
  args: string[],
  until: (stderr: string) => boolean,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: mkdtempSync(join(tmpdir(), 'vc-nolivekit-home-')),
    NO_COLOR: '1',
    OPENAI_API_KEY: 'sk-test-NOLIVEKIT-31337',
  };
  for (const key of ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR'] as const) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin/voicechat.js'), ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // one Ctrl+C: a second one would not be handled (the lifecycle listens once)
      if (!interrupted && until(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
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
    const result = await run(root, [...args, '--output-device', SPEAKER, '--audio-backend', AUDIO_BACKEND], (e) =>
      e.includes('audio: echo'),
    );
    expect(result.stderr).toMatch(
      new RegExp(`audio: echo gate, backend ${AUDIO_BACKEND} \\(.*not installed.*using the echo gate`),
    );
    // stopped by Ctrl+C once it had said so: a clean interrupt, not a crash
    expect(result.code).toBe(130);
  });

  it('--explain and doctor say the same', async () => {
    const explain = await run(root, ['--provider', 'openai', '--explain'], () => false);
    expect(explain.stdout).toMatch(
      /echo: local: OpenAI Realtime has no server echo cancellation; WebRTC AEC3 unavailable \(.*not installed.*\): the echo gate runs instead/,
    );
    const doctor = await run(root, ['doctor', '--skip-audio'], () => false);
    expect(doctor.stdout).toMatch(
      /echo cancellation\s+local: the echo gate \(WebRTC AEC3 unavailable: .*not installed/,
    );
    expect(doctor.stdout).toContain('platform binary @livekit/rtc-ffi-bindings-');
  });
});
