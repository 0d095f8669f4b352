import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayServer } from '../support/replay-per-test.js';
import type { ReplayServer } from '../support/replay-server.js';
import type { TraceLine } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';
import {
  AZURE_REPLAY,
  azureGaTrace,
  voiceLiveTrace,
  replyAudioBytes,
  replyTranscript,
} from '../support/azure-traces.js';

const KEY = 'azure-VERYSECRET-key-0123456789';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-azure-'));
const session = (s: ReplayServer): Record<string, unknown> =>
  s.received.find((m) => m.json?.['type'] === 'session.update')!.json!['session'] as Record<string, unknown>;
const GA_ONLY = ['type', 'output_modalities', 'audio', 'max_output_tokens'];
const BETA_ONLY = [
  'modalities',
  'voice',
  'input_audio_format',
  'output_audio_format',
  'turn_detection',
  'input_audio_transcription',
  'temperature',
];

describe('Azure OpenAI GA one-shot: the function-call trace', () => {
  it('prints the transcript, saves the audio, and answers the tool call in the trace order', async () => {
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'azure-openai', '--text', 'Hello, my name is Marcelo.', '--audio-out', out],
      {
        env: {
          AZURE_OPENAI_API_KEY: KEY,
          AZURE_OPENAI_ENDPOINT: server.httpBase,
          AZURE_OPENAI_DEPLOYMENT: 'gpt-realtime',
        },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyTranscript(azureGaTrace)}\n`);
    const wav = parseWav(readFileSync(out));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.dataBytes).toBe(replyAudioBytes(azureGaTrace));

    expect(server.upgrades[0]!.url).toBe('/openai/v1/realtime?model=gpt-realtime');
    expect(server.upgrades[0]!.headers['api-key']).toBe(KEY);
    expect(server.upgrades[0]!.headers['authorization']).toBeUndefined();
    for (const key of BETA_ONLY) expect(session(server)).not.toHaveProperty(key);
    expect(session(server)['type']).toBe('realtime');

    // the tool output (an error: remember_name is not a built-in) goes back for the trace's call id,
    // and a new response is requested only after it
    const sent = server.received.map((m) => m.json ?? {});
    const output = sent.findIndex(
      (m) => (m['item'] as Record<string, unknown> | undefined)?.['type'] === 'function_call_output',
    );
    expect(sent[output]).toEqual({
      type: 'conversation.item.create',
      item: {
        type: 'function_call_output',
        call_id: 'call_42LHxWvnwPP9TAch',
        output: JSON.stringify({ error: 'unknown tool "remember_name"' }),
      },
    });
    expect(sent.slice(output + 1).map((m) => m['type'])).toEqual(['response.create']);
    expect(server.skippedGates).toEqual([]);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('--json shows the tool call and both responses', async () => {
    const server = await replayServer({ trace: azureGaTrace, ...AZURE_REPLAY });
    const result = await runCli(
      ['--provider', 'azure-openai', '--endpoint', server.httpBase, '--text', 'hi', '--json'],
      {
        env: { AZURE_OPENAI_API_KEY: KEY },
      },
    );
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l['type'] === 'tool.call')).toMatchObject({
      name: 'remember_name',
      callId: 'call_42LHxWvnwPP9TAch',
    });
    expect(lines.filter((l) => l['type'] === 'response.done')).toHaveLength(2);
    expect(lines.find((l) => l['type'] === 'input.transcript.done')).toMatchObject({
      text: 'Hello, my name is Marcelo.',
    });
  });
});

describe('Azure OpenAI preview endpoint (an api-version)', () => {
  it('uses the preview URL and sends only beta fields to a beta server', async () => {
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-openai',
        '--endpoint',
        server.httpBase,
        '--api-version',
        '2025-04-01-preview',
        '--voice',
        'alloy',
        '--text',
        'hi',
        '--audio-out',
        join(tmp(), 'r.wav'),
      ],
      { env: { AZURE_OPENAI_API_KEY: KEY } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyTranscript(voiceLiveTrace)}\n`);
    expect(server.upgrades[0]!.url).toBe('/openai/realtime?api-version=2025-04-01-preview&deployment=gpt-realtime');
    const s = session(server);
    for (const key of GA_ONLY) expect(s).not.toHaveProperty(key);
    expect(s['modalities']).toEqual(['text', 'audio']);
    expect(s['voice']).toBe('alloy');
    expect(s['input_audio_format']).toBe('pcm16');
  });

  it('OPENAI_API_VERSION selects it too; text-only asks for ["text"]', async () => {
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const result = await runCli(
      ['--provider', 'azure-openai', '--endpoint', server.httpBase, '--text', 'hi', '--no-tools'],
      {
        env: { AZURE_OPENAI_API_KEY: KEY, OPENAI_API_VERSION: '2024-10-01-preview' },
      },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.url).toContain('api-version=2024-10-01-preview');
    expect(session(server)['modalities']).toEqual(['text']);
  });

  it('follows session.created when the server turns out to speak GA; the refused guess stays at debug level', async () => {
    // as on a real network, session.created comes a moment after the client's first update
    const trace: TraceLine[] = [
      { dir: 'c2s', event: { type: 'session.update' } },
      azureGaTrace[0]!,
      {
        dir: 's2c',
        event: {
          type: 'error',
          event_id: 'e1',
          error: {
            type: 'invalid_request_error',
            code: 'unknown_parameter',
            message: "Unknown parameter: 'session.modalities'.",
            param: 'session.modalities',
            event_id: null,
          },
        },
      },
      ...azureGaTrace.slice(1),
    ];
    for (const debug of [false, true]) {
      const server = await replayServer({ trace, ...AZURE_REPLAY });
      const result = await runCli(
        [
          '--provider',
          'azure-openai',
          '--endpoint',
          server.httpBase,
          '--api-version',
          '2025-04-01-preview',
          '--text',
          'hi',
          ...(debug ? ['--debug'] : []),
        ],
        { env: { AZURE_OPENAI_API_KEY: KEY } },
      );
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(replyTranscript(azureGaTrace));
      const updates = server.received
        .filter((m) => m.json?.['type'] === 'session.update')
        .map((m) => m.json!['session'] as Record<string, unknown>);
      expect(updates).toHaveLength(2);
      for (const key of GA_ONLY) expect(updates[0]).not.toHaveProperty(key);
      for (const key of BETA_ONLY) expect(updates[1]).not.toHaveProperty(key);
      if (debug) {
        expect(result.stderr).toContain('session.created shows the ga shape');
        expect(result.stderr).toContain('refused as expected (unknown_parameter)');
      } else {
        expect(result.stderr).toBe('');
      }
      expect(server.skippedGates).toEqual([]);
      expect(leaks(result, KEY)).toBe(false);
      await server.close();
    }
  });
});

describe('Voice Live one-shot: the server-VAD trace', () => {
  it('prints the transcript, saves the audio, sends the key in a header only', async () => {
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const out = join(tmp(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'azure-voicelive', '--text', 'Hello, my name is Marcelo.', '--audio-out', out],
      {
        env: { AZURE_VOICE_LIVE_API_KEY: KEY, AZURE_VOICE_LIVE_ENDPOINT: server.httpBase },
      },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyTranscript(voiceLiveTrace)}\n`);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(replyAudioBytes(voiceLiveTrace));
    expect(server.upgrades[0]!.url).toBe('/voice-live/realtime?api-version=2026-07-15&model=gpt-realtime');
    expect(server.upgrades[0]!.url).not.toContain(KEY);
    expect(server.upgrades[0]!.headers['api-key']).toBe(KEY);
    const s = session(server);
    for (const key of GA_ONLY) expect(s).not.toHaveProperty(key);
    expect(s['input_audio_echo_cancellation']).toEqual({ type: 'server_echo_cancellation' });
    expect(leaks(result, KEY)).toBe(false);
  });

  it('Azure voices, semantic VAD and deep noise suppression reach the session', async () => {
    const server = await replayServer({ trace: voiceLiveTrace, ...AZURE_REPLAY });
    const result = await runCli(
      [
        '--provider',
        'azure-voicelive',
        '--endpoint',
        server.httpBase,
        '--voice',
        'en-US-Ava:DragonHDLatestNeural',
        '--vad',
        'semantic',
        '--noise-reduction',
        'near_field',
        '--api-version',
        '2026-04-10',
        '--text',
        'hi',
      ],
      { env: { AZURE_VOICELIVE_API_KEY: KEY } },
    );
    expect(result.code).toBe(0);
    expect(server.upgrades[0]!.url).toBe('/voice-live/realtime?api-version=2026-04-10&model=gpt-realtime');
    const s = session(server);
    expect(s['voice']).toEqual({ type: 'azure-standard', name: 'en-US-Ava:DragonHDLatestNeural' });
    expect(s['turn_detection']).toEqual({ type: 'azure_semantic_vad' });
    expect(s['input_audio_noise_reduction']).toEqual({ type: 'azure_deep_noise_suppression' });
  });
});
