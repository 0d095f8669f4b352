import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace } from '../support/traces.js';
import { runCli, leaks } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';

const KEY = 'sk-test-VERYSECRET-0123456789';
const env = { OPENAI_API_KEY: KEY };

const textTrace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
const replyText = textTrace
  .filter((l) => l.event['type'] === 'response.output_text.delta')
  .map((l) => l.event['delta'] as string)
  .join('');

describe('one-shot against the OpenAI GA replay server', () => {
  it('prints the reply text, reports the server error on stderr, and exits 0', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai' });
    const result = await runCli(['--provider', 'openai', '--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], {
      env,
    });
    expect(result.stderr).toContain('invalid_value');
    expect(result.stderr).toContain("Invalid value: 'text'");
    expect(result.stdout).toBe(`${replyText}\n`);
    expect(result.code).toBe(0);
    expect(leaks(result, KEY)).toBe(false);
    expect(server.skippedGates).toEqual([]);
  });

  it('reads the prompt from stdin with --text -', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai' });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', '-'], {
      env,
      stdin: 'What is my name?\n',
    });
    expect(result.code).toBe(0);
    const item = server.received.find((m) => m.json?.['type'] === 'conversation.item.create');
    expect(JSON.stringify(item?.json)).toContain('What is my name?');
  });

  it('--json prints one parsable event per line, ending with response.done carrying usage and timings', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai' });
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi', '--json'], { env });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const last = lines[lines.length - 1]!;
    expect(last['type']).toBe('response.done');
    expect(last['status']).toBe('completed');
    expect(last['usage']).toMatchObject({ inputTokens: expect.any(Number), outputTokens: expect.any(Number) });
    expect(last['timings']).toMatchObject({ connectMs: expect.any(Number), totalMs: expect.any(Number) });
    const text = lines
      .filter((l) => l['type'] === 'response.text.delta')
      .map((l) => l['delta'])
      .join('');
    expect(text).toBe(replyText);
    expect(lines.some((l) => l['type'] === 'error')).toBe(true);
  });

  it('asks for text-only output when no audio is wanted', async () => {
    const server = await replayServer({ trace: textTrace, dialect: 'openai' });
    await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], { env });
    const update = server.received.find((m) => m.json?.['type'] === 'session.update')?.json;
    expect((update?.['session'] as Record<string, unknown>)['output_modalities']).toEqual(['text']);
  });

  it('--audio-out writes a WAV with the rate and duration of the audio the server sent', async () => {
    const trace = loadBidiTrace('openai-beta__text-in__audio-out__full-response');
    const sentBytes = trace
      .filter((l) => l.event['type'] === 'response.audio.delta')
      .reduce((n, l) => n + Buffer.from(l.event['delta'] as string, 'base64').length, 0);
    const server = await replayServer({ trace, dialect: 'openai' });
    const dir = mkdtempSync(join(tmpdir(), 'vc-audio-out-'));
    const out = join(dir, 'reply.wav');
    const result = await runCli(['--endpoint', `${server.httpBase}/v1`, '--text', 'hi', '--audio-out', out], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(10);
    const wav = parseWav(readFileSync(out));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.channels).toBe(1);
    expect(wav.bitsPerSample).toBe(16);
    expect(wav.dataBytes).toBe(sentBytes - (sentBytes % 2));
    const update = server.received.find((m) => m.json?.['type'] === 'session.update')?.json;
    expect((update?.['session'] as Record<string, unknown>)['output_modalities']).toEqual(['audio']);
  });
});
