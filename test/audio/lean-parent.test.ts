import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { runCliInterrupted } from '../support/run-cli.js';
import { loadBidiTrace } from '../support/traces.js';
import { AUDIO_BACKEND, ensureAudioDevices, MIC, SPEAKER } from './audio-env.js';

const problem = ensureAudioDevices();
const RECORDER = new URL('../support/record-imports.mjs', import.meta.url).pathname;

/**
 * What a plain `--no-tui` conversation on the devices loads, recorded (ESM and require) until the
 * audio is up, then stopped with Ctrl+C. Every module here is one the parent pays RSS for.
 */
async function loadedBy(args: string[]): Promise<{ code: number | null; stderr: string; loaded: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'vc-lean-'));
  const record = join(dir, 'imports.txt');
  const env = { HOME: dir, XDG_CONFIG_HOME: dir, OPENAI_API_KEY: 'sk-test-LEAN-31337', RECORD_IMPORTS: record };
  const run = await runCliInterrupted(args, { env, nodeArgs: ['--import', RECORDER], when: /audio: echo/ });
  return { code: run.code, stderr: run.stderr, loaded: readFileSync(record, 'utf8') };
}

describe.skipIf(problem !== undefined)('the parent of a --no-tui run loads only what the run needs', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer({
      trace: loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response'),
      dialect: 'openai',
      gateTimeoutMs: 20_000,
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const devices = (): string[] => [
    '--endpoint',
    `${server.httpBase}/v1`,
    '--no-tui',
    '--input-device',
    MIC,
    '--output-device',
    SPEAKER,
    '--audio-backend',
    AUDIO_BACKEND,
  ];

  it('echo off, no MCP servers, no proxy: no Ink/React, MCP SDK, proxy-agent, zod, conf, WebRTC module', async () => {
    const run = await loadedBy([...devices(), '--echo-cancellation', 'off']);
    expect(run.stderr).toContain(`audio: echo off, backend ${AUDIO_BACKEND}`);
    expect(run.code).toBe(130);
    // the recording saw the run: the socket library and the engine are there
    expect(run.loaded).toContain('/node_modules/ws/');
    expect(run.loaded).toContain('/dist/audio/engine.js');
    for (const unneeded of [
      '/node_modules/ink/',
      '/node_modules/react/',
      '/node_modules/@modelcontextprotocol/',
      '/node_modules/proxy-agent/',
      '/node_modules/zod/',
      '/node_modules/conf/',
      '/node_modules/@livekit/',
      // the parent never loads PortAudio, whichever backend runs (the hosts do)
      'naudiodon',
    ]) {
      expect(run.loaded, unneeded).not.toContain(unneeded);
    }
  });

  it('the recording sees a require()d native module: with local echo the WebRTC module is there', async () => {
    const run = await loadedBy([...devices(), '--echo-cancellation', 'local']);
    expect(run.stderr).toContain('audio: echo local');
    expect(run.loaded).toContain('/node_modules/@livekit/');
  });
});
