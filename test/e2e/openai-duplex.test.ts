import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace, type TraceLine } from '../support/traces.js';
import { headlessArgs, leaks, runCli } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';

const KEY = 'sk-test-DUPLEX-KEY-5551234';
const env = { OPENAI_API_KEY: KEY };
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-duplex-'));
const audioBytes = (lines: TraceLine[], responseId?: string): number =>
  lines
    .filter((l) => l.dir === 's2c' && l.event['type'] === 'response.output_audio.delta')
    .filter((l) => responseId === undefined || l.event['response_id'] === responseId)
    .reduce((n, l) => n + Buffer.from(l.event['delta'] as string, 'base64').length, 0);

describe('headless duplex loop against the OpenAI GA replay server', () => {
  it('streams the WAV as the mic, prints both sides of the transcript, saves the reply audio', async () => {
    const trace = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
    const server = await replayServer({ trace, dialect: 'openai', toneHz: 440 });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, out), { env, timeoutMs: 30_000 });
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    const transcript = trace.find((l) => l.event['type'] === 'conversation.item.input_audio_transcription.completed')!;
    const reply = trace.find((l) => l.event['type'] === 'response.output_audio_transcript.done')!;
    expect(result.stdout).toContain(`you: ${transcript.event['transcript'] as string}`);
    expect(result.stdout).toContain(`assistant: ${reply.event['transcript'] as string}`);
    const wav = parseWav(readFileSync(out));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.dataBytes).toBe(audioBytes(trace));
    // the mic really streamed: appends carry the WAV's audio, and session.update asked for transcription
    const appends = server.received.filter((m) => m.json?.['type'] === 'input_audio_buffer.append');
    expect(appends.length).toBeGreaterThan(20);
    const update = server.received.find((m) => m.json?.['type'] === 'session.update')!.json!;
    expect(JSON.stringify(update)).toContain('"transcription"');
    expect(leaks(result, KEY)).toBe(false);
  });

  it('barge-in: flushes playback, truncates to what was played, drops late audio, plays the second reply', async () => {
    const base = loadBidiTrace('openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected');
    const firstResponse = base.find((l) => l.event['type'] === 'response.created')!.event['response'] as { id: string };
    const speechIndex = base.findIndex((l, i) => i > 10 && l.event['type'] === 'input_audio_buffer.speech_started');
    const delta = base.find(
      (l) => l.event['type'] === 'response.output_audio.delta' && l.event['response_id'] === firstResponse.id,
    )!;
    // ~1.2 s of reply #1 before the user speaks, and 0.4 s of it arriving after (to be dropped)
    const extra = (n: number): TraceLine[] => Array.from({ length: n }, () => structuredClone(delta));
    const trace = [
      ...base.slice(0, speechIndex),
      ...extra(56),
      base[speechIndex]!,
      ...extra(20),
      ...base.slice(speechIndex + 1),
    ];
    const server = await replayServer({ trace, dialect: 'openai', toneHz: 440, audioPace: 1 });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(headlessArgs(`${server.httpBase}/v1`, out), { env, timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    const truncate = server.received.find((m) => m.json?.['type'] === 'conversation.item.truncate')?.json;
    expect(truncate).toBeDefined();
    const receivedBeforeSpeechMs = audioBytes(trace.slice(0, speechIndex + 56), firstResponse.id) / 48;
    const audioEndMs = truncate!['audio_end_ms'] as number;
    expect(audioEndMs).toBeGreaterThan(500);
    expect(audioEndMs).toBeLessThanOrEqual(receivedBeforeSpeechMs);
    // what was written = what was played: reply #1 up to the cut, then all of reply #2
    const secondResponseBytes = audioBytes(trace) - audioBytes(trace, firstResponse.id);
    const playedFirstMs = (parseWav(readFileSync(out)).dataBytes - secondResponseBytes) / 48;
    expect(Math.abs(playedFirstMs - audioEndMs)).toBeLessThanOrEqual(20);
    expect(result.stdout).toContain('[interrupted');
    expect(result.stdout).toContain('Oi, Marcelo!');
  });
});
