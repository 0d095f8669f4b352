import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace } from '../support/traces.js';
import { headlessArgs, runCli } from '../support/run-cli.js';

const KEY = 'sk-test-COST-KEY-5551234';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-cost-'));
const TEXT_TRACE = 'openai-ga__error-invalid_value__then-text-response';
const AUDIO_TRACE = 'openai-ga__audio-in-server-vad__input-transcription__full-audio-response';

/** The usage block of the trace's response.done, as the provider sent it. */
function traceUsage(name: string): Record<string, number> {
  const done = loadBidiTrace(name).find((l) => l.dir === 's2c' && l.event['type'] === 'response.done')!;
  return (done.event['response'] as { usage: Record<string, number> }).usage;
}

async function oneShotJson(extra: string[], env: Record<string, string> = {}) {
  const server = await replayServer({ trace: loadBidiTrace(TEXT_TRACE), dialect: 'openai' });
  const result = await runCli(
    ['--provider', 'openai', '--endpoint', `${server.httpBase}/v1`, ...extra, '--text', 'hi', '--json'],
    { env: { OPENAI_API_KEY: KEY, ...env } },
  );
  expect(result.code).toBe(0);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return lines.find((l) => l['type'] === 'response.done')!;
}

describe('usage and cost from the real traces (issue #16 item 2)', () => {
  it('--json response.done gains usage and costUsd (gpt-realtime-1.5: $4 text in, $16 text out per 1M)', async () => {
    const raw = traceUsage(TEXT_TRACE);
    const done = await oneShotJson(['--model', 'gpt-realtime-1.5']);
    expect(done['usage']).toMatchObject({
      inputTokens: raw['input_tokens'],
      outputTokens: raw['output_tokens'],
      totalTokens: raw['total_tokens'],
    });
    // 138 text in x $4 + 51 text out x $16, per 1M tokens
    expect(done['costUsd']).toBe((138 * 4 + 51 * 16) / 1e6);
  });

  it('an unpriced model: tokens and costUsd null, never a guess', async () => {
    const done = await oneShotJson([]);
    expect(done['usage']).toMatchObject({ totalTokens: 189 });
    expect(done['costUsd']).toBeNull();
  });

  it('the prices config key prices a model the table lacks', async () => {
    const dir = tmp();
    const env = { VOICECHAT_CONFIG_DIR: dir };
    const set = await runCli(
      [
        'config',
        'set',
        'prices={"gpt-realtime":{"textInputUsd":10,"textOutputUsd":20,"audioInputUsd":30,"audioOutputUsd":40}}',
      ],
      { env },
    );
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    const done = await oneShotJson([], env);
    expect(done['costUsd']).toBe((138 * 10 + 51 * 20) / 1e6);
  });

  it('a prices entry that cannot price anything is refused before connecting (exit 78)', async () => {
    const dir = tmp();
    const env = { VOICECHAT_CONFIG_DIR: dir };
    await runCli(['config', 'set', 'prices={"my-model":{"audioInputUsd":3}}'], { env });
    const result = await runCli(['--provider', 'openai', '--text', 'hi'], { env: { OPENAI_API_KEY: KEY, ...env } });
    expect(result.stderr).toContain('prices.my-model');
    expect(result.code).toBe(78);
  });

  it('--max-cost: the reply that passes it plays out, exit 0 with a notice; usage at exit and in transcript.md', async () => {
    const server = await replayServer({ trace: loadBidiTrace(AUDIO_TRACE), dialect: 'openai', toneHz: 440 });
    const dir = tmp();
    const out = join(dir, 'reply.wav');
    const rec = join(dir, 'rec');
    // --turns 3: without the limit the run would wait for replies the trace never sends
    const result = await runCli(
      [
        ...headlessArgs(`${server.httpBase}/v1`, out, '--turns', '3', '--record', rec),
        '--provider',
        'openai',
        '--model',
        'gpt-realtime-1.5',
        '--max-cost',
        '0.005',
      ],
      { env: { OPENAI_API_KEY: KEY }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    // 14 text + 27 audio in, 28 text + 136 audio out at $4/$32/$16/$64 per 1M
    const usd = (14 * 4 + 27 * 32 + 28 * 16 + 136 * 64) / 1e6;
    expect(result.stderr).toContain('passed --max-cost $0.005');
    expect(result.stdout).toMatch(/assistant: \S/);
    expect(result.stderr).toMatch(
      /^latency.*\nusage: 1 reply, tokens 41 in \(27 audio, 0 cached\), 164 out \(136 audio\); estimated \$0\.010$/m,
    );
    expect(usd.toFixed(3)).toBe('0.010');
    const transcript = readFileSync(join(rec, 'transcript.md'), 'utf8');
    expect(transcript).toContain('205 tok $0.010');
    expect(transcript).toContain('usage: 1 reply');
  });
});
