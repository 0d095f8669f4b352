import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { leaks, runCli } from '../support/run-cli.js';
import { parseWav } from '../support/wav-parse.js';
import {
  GEMINI_TOOL_TRACE,
  VERTEX_TEXT_TRACE,
  bargeInSecondTurnAsText,
  outputAudioBytes,
  outputTranscript,
} from '../unit/providers/gemini/support/gemini-traces.js';

const KEY = 'AIzaSy-test-VERYSECRET-0123456789';
const TOKEN = 'ya29.test-VERYSECRET-token-0123456789';
let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const outDir = (): string => mkdtempSync(join(tmpdir(), 'vc-gemini-'));
const setupOf = (s: ReplayServer, connection = 0): Record<string, unknown> =>
  s.received.find((m) => m.connection === connection && m.json?.['setup'] !== undefined)?.json?.['setup'] as Record<
    string,
    unknown
  >;

describe('one-shot against the Gemini Live replay server (binary frames)', () => {
  const toolTrace = loadBidiTrace(GEMINI_TOOL_TRACE);

  it('answers through a tool call with the output transcript, on the gateway URL with a bearer key', async () => {
    server = await startReplayServer({ trace: toolTrace, dialect: 'gemini', binaryFrames: true });
    const result = await runCli(
      [
        '--provider',
        'gemini',
        '--endpoint',
        `${server.httpBase}/api/llm/live/acct`,
        '--auth-style',
        'bearer',
        '--text',
        'What is the weather in London?',
      ],
      { env: { GEMINI_API_KEY: KEY } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${outputTranscript(toolTrace)}\n`);
    expect(result.stdout).toBe('It is foggy and 12 degrees in London.\n');
    expect(result.code).toBe(0);
    expect(server.skippedGates).toEqual([]);
    expect(server.upgrades[0]?.url).toBe(
      '/api/llm/live/acct/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent',
    );
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
    const response = server.received.find((m) => m.json?.['toolResponse'] !== undefined)?.json;
    expect(response).toMatchObject({
      toolResponse: { functionResponses: [{ id: 'fc_3880303533621599938', name: 'get_weather' }] },
    });
    expect(setupOf(server)['model']).toBe('models/gemini-3.8-live');
    expect(leaks(result, KEY)).toBe(false);
  });

  it('a plain --endpoint (no gateway preset) sends the key in x-goog-api-key, as the SDK does', async () => {
    server = await startReplayServer({ trace: toolTrace, dialect: 'gemini', binaryFrames: true });
    const result = await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi'], {
      env: { GEMINI_API_KEY: KEY },
    });
    expect(result.code).toBe(0);
    expect(server.upgrades[0]?.headers['x-goog-api-key']).toBe(KEY);
    expect(server.upgrades[0]?.headers['authorization']).toBeUndefined();
    expect(server.upgrades[0]?.url).not.toContain('key=');
  });

  it('asks for AUDIO even for a text-only answer from a native-audio model', async () => {
    server = await startReplayServer({ trace: toolTrace, dialect: 'gemini', binaryFrames: true });
    await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi'], {
      env: { GEMINI_API_KEY: KEY },
    });
    expect(setupOf(server)['generationConfig']).toMatchObject({ responseModalities: ['AUDIO'] });
    expect(setupOf(server)['outputAudioTranscription']).toEqual({});
  });

  it('--audio-out saves the model audio as 24 kHz mono WAV', async () => {
    server = await startReplayServer({ trace: toolTrace, dialect: 'gemini', binaryFrames: true });
    const out = join(outDir(), 'reply.wav');
    const result = await runCli(
      ['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi', '--audio-out', out],
      {
        env: { GEMINI_API_KEY: KEY },
      },
    );
    expect(result.code).toBe(0);
    const wav = parseWav(readFileSync(out));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.channels).toBe(1);
    expect(wav.dataBytes).toBe(outputAudioBytes(toolTrace));
  });

  it('never shows thought parts (barge-in trace, second turn)', async () => {
    const trace = bargeInSecondTurnAsText();
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const result = await runCli(
      ['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'My name is Marcelo.'],
      {
        env: { GEMINI_API_KEY: KEY },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Hello again, Marcelo.\n');
    const json = await runCli(['--provider', 'gemini', '--endpoint', server.httpBase, '--text', 'hi', '--json'], {
      env: { GEMINI_API_KEY: KEY },
    });
    expect(json.code).toBe(0);
    expect(json.stdout).not.toContain('Acknowledging');
    const last = JSON.parse(json.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    expect(last).toMatchObject({
      type: 'response.done',
      status: 'completed',
      usage: { inputTokens: 1352, outputTokens: 44 },
    });
  });
});

describe('one-shot against the Vertex AI Live replay server', () => {
  const trace = loadBidiTrace(VERTEX_TEXT_TRACE);

  it('prints the transcript, saves the rate-less audio/pcm, and sends the full model path', async () => {
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const out = join(outDir(), 'vertex.wav');
    const result = await runCli(
      [
        '--provider',
        'vertex',
        '--project',
        'pydantic-ai',
        '--location',
        'us-central1',
        '--endpoint',
        server.httpBase,
        '--text',
        'Say hello in exactly three words.',
        '--audio-out',
        out,
      ],
      { env: { VERTEX_ACCESS_TOKEN: TOKEN } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Hello there!\n');
    expect(result.code).toBe(0);
    expect(server.skippedGates).toEqual([]);
    expect(parseWav(readFileSync(out)).dataBytes).toBe(outputAudioBytes(trace));
    expect(outputAudioBytes(trace)).toBe(11114 + 11520 + 15360 + 9600);
    expect(server.upgrades[0]?.url).toBe('/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent');
    expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(setupOf(server)['model']).toBe(
      'projects/pydantic-ai/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-native-audio',
    );
    expect(leaks(result, TOKEN)).toBe(false);
  });

  it('takes project and location from GOOGLE_CLOUD_PROJECT / GOOGLE_CLOUD_LOCATION', async () => {
    server = await startReplayServer({ trace, dialect: 'gemini', binaryFrames: true });
    const result = await runCli(['--provider', 'vertex', '--endpoint', server.httpBase, '--text', 'hi'], {
      env: { VERTEX_ACCESS_TOKEN: TOKEN, GOOGLE_CLOUD_PROJECT: 'p1', GOOGLE_CLOUD_LOCATION: 'europe-west4' },
    });
    expect(result.code).toBe(0);
    expect(setupOf(server)['model']).toBe(
      'projects/p1/locations/europe-west4/publishers/google/models/gemini-live-2.5-flash-native-audio',
    );
  });
});
