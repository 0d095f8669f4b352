import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayOptions, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli, headlessArgs } from '../support/run-cli.js';

/**
 * Fault injection against the headless duplex loop: each fault either recovers (the reply still
 * arrives, exit 0) or ends with a clear message and the right exit code. No secret leaks.
 */
const KEY = 'sk-test-FAULTS-KEY-31337';
const trace = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
const s2c = trace.filter((l) => l.dir === 's2c');
const firstAudio = s2c.findIndex((l) => l.event['type'] === 'response.output_audio.delta');
const reply = trace.find((l) => l.event['type'] === 'response.output_audio_transcript.done')!.event[
  'transcript'
] as string;
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(options: Partial<ReplayOptions>, env: Record<string, string> = {}) {
  server = await startReplayServer({ trace, dialect: 'openai', toneHz: 440, ...options });
  const out = join(mkdtempSync(join(tmpdir(), 'vc-faults-')), 'reply.wav');
  const result = await runCli(headlessArgs(`${server.httpBase}/v1`, out, '--reconnect-attempts', '3'), {
    env: { OPENAI_API_KEY: KEY, ...env },
    timeoutMs: 40_000,
  });
  expect(leaks(result, KEY)).toBe(false);
  return result;
}

describe('faults the loop recovers from', () => {
  it.each([
    ['a dropped connection (1006) mid-response', { dropBeforeS2c: firstAudio + 2 }],
    ['close 1000 mid-response', { closeBeforeS2c: { index: firstAudio + 2, code: 1000 } }],
    ['close 1001 going away', { closeBeforeS2c: { index: firstAudio + 2, code: 1001, reason: 'server restart' } }],
    ['close 1011 internal error', { closeBeforeS2c: { index: firstAudio + 2, code: 1011, reason: 'upstream' } }],
  ] as [string, Partial<ReplayOptions>][])('%s: reconnects and the reply arrives', async (_name, fault) => {
    const result = await run(fault);
    expect(result.stderr).toContain('reconnecting (1)');
    expect(result.stdout).toContain(`assistant: ${reply}`);
    expect(result.code).toBe(0);
    expect(server!.sockets.length).toBe(2);
  });

  it('a stalled connection (no frames, no pongs) is detected by the keep-alive and replaced', async () => {
    const result = await run({ stallBeforeS2c: firstAudio + 2 }, { VOICECHAT_KEEPALIVE_MS: '300' });
    expect(result.stderr).toContain('reconnecting (1)');
    expect(result.stdout).toContain(`assistant: ${reply}`);
    expect(result.code).toBe(0);
  });

  it('a 20 MB frame costs the connection, not the session', async () => {
    const huge = JSON.stringify({
      type: 'response.output_audio.delta',
      response_id: 'x',
      item_id: 'y',
      delta: 'A'.repeat(20 * 1024 * 1024),
    });
    const result = await run({ injections: [{ beforeS2c: firstAudio, payload: huge }], faultConnection: 0 });
    expect(result.stderr).toContain('larger than 16 MB');
    expect(result.stdout).toContain(`assistant: ${reply}`);
    expect(result.code).toBe(0);
  });

  it('binary garbage, truncated base64 audio and odd-length audio are reported or absorbed', async () => {
    const bad = (delta: string) =>
      JSON.stringify({ type: 'response.output_audio.delta', response_id: 'resp_bad', item_id: 'item_bad', delta });
    const result = await run({
      injections: [
        { beforeS2c: firstAudio, payload: Buffer.from([0xff, 0x00, 0x13, 0x37, 0xfe]), binary: true },
        { beforeS2c: firstAudio + 1, payload: bad('AAECAwQFBgcICQ') },
        { beforeS2c: firstAudio + 1, payload: bad(Buffer.alloc(7).toString('base64')) },
        { beforeS2c: firstAudio + 2, payload: JSON.stringify({ type: 'totally.new.event', payload: { x: 1 } }) },
      ],
    });
    expect(result.stderr).toContain('malformed JSON frame');
    expect(result.stdout).toContain(`assistant: ${reply}`);
    expect(result.code).toBe(0);
  });
});

describe('faults that end the run with the right exit code', () => {
  it.each([
    [401, 77],
    [403, 77],
    [404, 78],
    [429, 75],
    [500, 75],
    [503, 75],
  ])('HTTP %i on the upgrade -> exit %i', async (status, code) => {
    const result = await run({ rejectUpgrade: { status, body: `{"error":{"message":"status ${status}"}}` } });
    expect(result.code).toBe(code);
    expect(result.stderr).toContain(`HTTP ${status}`);
  });

  it('close 1008 (policy: invalid key) mid-session -> exit 77, no reconnect storm', async () => {
    const result = await run({ closeBeforeS2c: { index: firstAudio, code: 1008, reason: 'invalid api key' } });
    expect(result.code).toBe(77);
    expect(result.stderr).toContain('1008');
  });

  it('close 4000 (the provider ended the session) -> exit 1 with the reason', async () => {
    const result = await run({ closeBeforeS2c: { index: firstAudio, code: 4000, reason: 'beta api shape disabled' } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('4000');
  });

  it('a provider that stays down after a drop: retries are bounded, then exit 75', async () => {
    const result = await run({ dropBeforeS2c: firstAudio, rejectUpgrade: { status: 503 }, rejectFromUpgrade: 1 });
    expect(result.stderr).toContain('reconnecting (3)');
    expect(result.stderr).toContain('gave up after 3 attempts');
    expect(result.code).toBe(75);
    expect(server!.upgrades.length).toBe(4);
  });
});
