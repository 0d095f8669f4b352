import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace, type TraceLine } from '../support/traces.js';
import { headlessArgs, runCli } from '../support/run-cli.js';

const KEY = 'sk-test-MANUAL-KEY-5551234';
const env = { OPENAI_API_KEY: KEY };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-manual-'));

describe('headless --vad manual (issue #16 item 4)', () => {
  it('with --input-file the file is one push-to-talk turn: started, streamed, committed; the reply ends the run', async () => {
    const base = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
    // a manual-turn server answers only after the commit: the replay waits for it before the buffer is committed
    const at = base.findIndex((l) => l.dir === 's2c' && l.event['type'] === 'input_audio_buffer.committed');
    const commit: TraceLine = { dir: 'c2s', event: { type: 'input_audio_buffer.commit' } };
    const trace = [...base.slice(0, at), commit, ...base.slice(at)];
    const server = await replayServer({ trace, dialect: 'openai', toneHz: 440 });
    const result = await runCli(
      [...headlessArgs(`${server.httpBase}/v1`, join(tmp(), 'r.wav')), '--provider', 'openai', '--vad', 'manual'],
      { env, timeoutMs: 30_000 },
    );
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(server.skippedGates).toEqual([]);
    expect(result.stdout).toMatch(/assistant: \S/);
    const sent = server.received.map((m) => m.json?.['type']);
    expect(sent).toContain('input_audio_buffer.commit');
    // the commit comes after the file's audio, and nothing is appended after it
    const commitAt = sent.lastIndexOf('input_audio_buffer.commit');
    expect(sent.indexOf('input_audio_buffer.append')).toBeLessThan(commitAt);
    expect(sent.slice(commitAt).filter((t) => t === 'input_audio_buffer.append')).toEqual([]);
  });

  it('without an input file, in a mode with no keyboard: refused at once, exit 64 with a hint', async () => {
    const result = await runCli(['--provider', 'openai', '--no-tui', '--vad', 'manual'], { env, timeoutMs: 10_000 });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--vad manual needs a keyboard');
    expect(result.stderr).toContain('--input-file');
  });
});

describe('text that arrives only in done events (issue #16 item 7)', () => {
  it('one-shot prints a reply whose text came only in response.output_text.done', async () => {
    const base = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
    const text = base.find((l) => l.event['type'] === 'response.output_text.done')!.event['text'] as string;
    const trace = base.filter((l) => l.event['type'] !== 'response.output_text.delta');
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--provider', 'openai', '--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], {
      env,
    });
    expect(result.code).toBe(0);
    expect(text.length).toBeGreaterThan(0);
    expect(result.stdout).toBe(`${text}\n`);
  });

  it('one-shot prints a reply whose text came only in response.output_item.done', async () => {
    const base = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
    const text = base.find((l) => l.event['type'] === 'response.output_text.done')!.event['text'] as string;
    const trace = base.filter(
      (l) => l.event['type'] !== 'response.output_text.delta' && l.event['type'] !== 'response.output_text.done',
    );
    expect(trace.some((l) => l.event['type'] === 'response.output_item.done')).toBe(true);
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--provider', 'openai', '--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], {
      env,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${text}\n`);
  });

  it('deltas and the done event: printed once', async () => {
    const trace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
    const text = trace.find((l) => l.event['type'] === 'response.output_text.done')!.event['text'] as string;
    const server = await replayServer({ trace, dialect: 'openai' });
    const result = await runCli(['--provider', 'openai', '--endpoint', `${server.httpBase}/v1`, '--text', 'hi'], {
      env,
    });
    expect(result.stdout).toBe(`${text}\n`);
  });
});
