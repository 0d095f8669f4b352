import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';
import { AZURE_GA_TRACE, VOICE_LIVE_TRACE, replyAudioBytes, replyTranscript } from '../support/azure-traces.js';

const KEY = 'azure-DUPLEX-KEY-77aa88bb99';
const HELLO = new URL('../fixtures/audio/hello.wav', import.meta.url).pathname;
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-azure-duplex-'));
const userTranscript = (trace: ReturnType<typeof loadBidiTrace>): string =>
  trace.find((l) => l.event['type'] === 'conversation.item.input_audio_transcription.completed')!.event[
    'transcript'
  ] as string;

describe('headless duplex against the Azure replays', () => {
  it('Azure OpenAI GA: speech in, tool round trip in the trace order, spoken answer out', async () => {
    const trace = loadBidiTrace(AZURE_GA_TRACE);
    const server = await replayServer({ trace, dialect: 'openai', toneHz: 440 });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        server.httpBase,
        '--transcription-model',
        'gpt-4o-transcribe',
        '--no-tui',
        '--input-file',
        HELLO,
        '--audio-out',
        out,
      ],
      { env: { AZURE_OPENAI_API_KEY: KEY }, timeoutMs: 30_000 },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`you: ${userTranscript(trace)}`);
    expect(result.stdout).toContain(`assistant: ${replyTranscript(trace)}`);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(replyAudioBytes(trace));

    const sent = server.received.map((m) => m.json ?? {});
    const update = sent.find((m) => m['type'] === 'session.update')!['session'] as Record<string, unknown>;
    expect(update['type']).toBe('realtime');
    expect(JSON.stringify(update)).toContain('"transcription":{"model":"gpt-4o-transcribe"}');
    expect(sent.filter((m) => m['type'] === 'input_audio_buffer.append').length).toBeGreaterThan(20);
    // after the audio: the tool output for the trace's call, then one response.create — as in the trace
    const afterAudio = sent.filter(
      (m) => !['session.update', 'input_audio_buffer.append'].includes(m['type'] as string),
    );
    expect(afterAudio.map((m) => m['type'])).toEqual(['conversation.item.create', 'response.create']);
    expect(afterAudio[0]).toMatchObject({ item: { type: 'function_call_output', call_id: 'call_42LHxWvnwPP9TAch' } });
    expect(server.skippedGates).toEqual([]);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('Voice Live: speech in (server VAD, echo cancellation on), both transcripts, spoken answer out', async () => {
    const trace = loadBidiTrace(VOICE_LIVE_TRACE);
    const server = await replayServer({ trace, dialect: 'openai', toneHz: 440 });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'azure-voicelive', '--no-tui', '--input-file', HELLO, '--audio-out', out],
      {
        env: { AZURE_VOICELIVE_API_KEY: KEY, AZURE_VOICELIVE_ENDPOINT: server.httpBase },
        timeoutMs: 30_000,
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`you: ${userTranscript(trace)}`);
    expect(result.stdout).toContain(`assistant: ${replyTranscript(trace)}`);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(replyAudioBytes(trace));
    const update = server.received.find((m) => m.json?.['type'] === 'session.update')!.json!;
    const session = update['session'] as Record<string, unknown>;
    expect(session['input_audio_echo_cancellation']).toEqual({ type: 'server_echo_cancellation' });
    expect(session['input_audio_transcription']).toEqual({ model: 'whisper-1' });
    expect(session['turn_detection']).toEqual({ type: 'server_vad' });
    expect(server.skippedGates).toEqual([]);
    expect(leaks(result, KEY)).toBe(false);
  });
});
