import { describe, expect, it } from 'vitest';
import { ConfigError, ExitCode } from '../../../../src/core/errors.js';
import type { SessionEvent } from '../../../../src/core/events.js';
import type { SessionOptions } from '../../../../src/core/session.js';
import { shapeDetectingDialect, type OpenAiStyleDialect } from '../../../../src/providers/openai-ga/dialects.js';
import { OpenAiStyleSession } from '../../../../src/providers/openai-ga/session.js';
import { voiceLiveDialect } from '../../../../src/providers/voicelive/session-update.js';
import { createFakeSocket, memoryLogger, type FakeSocket } from '../../../support/azure-fake-socket.js';
import { loadBidiTrace, type TraceLine } from '../../../support/traces.js';

const AZURE_GA = 'azure-openai-ga__audio-in__transcription__function-call__audio-answer';
const VOICE_LIVE = 'azure-voicelive__audio-in-server-vad__transcription__audio-response';
const options: SessionOptions = {
  model: 'gpt-realtime',
  output: 'audio',
  vad: { mode: 'server' },
  transcriptionModel: 'gpt-4o-transcribe',
  tools: [{ name: 'remember_name', description: 'Store the name.', parameters: { type: 'object' } }],
};

function setup(dialect: OpenAiStyleDialect, provider: 'azure-openai' | 'azure-voicelive' = 'azure-openai') {
  const fake = createFakeSocket();
  const log = memoryLogger();
  const session = new OpenAiStyleSession(
    {
      provider,
      endpoint: { url: 'wss://x', headers: {} },
      options,
      dialect,
      connectTimeoutMs: 3000,
      credentialHint: 'hint',
    },
    { connect: fake.connector, log },
  );
  const events: SessionEvent[] = [];
  session.subscribe((e) => events.push(e));
  return { fake, log, session, events };
}

const s2c = (trace: TraceLine[]): Record<string, unknown>[] => trace.filter((l) => l.dir === 's2c').map((l) => l.event);
const isUpdate = (m: Record<string, unknown>): boolean => m['type'] === 'session.update';

/** Plays a trace's server side; the client's audio is sent where the trace shows it. */
async function replay(fake: FakeSocket, session: OpenAiStyleSession, trace: TraceLine[]): Promise<void> {
  const connecting = session.connect();
  let updates = 0;
  for (const line of trace) {
    if (line.dir === 'c2s') {
      if (line.event['type'] === 'input_audio_buffer.append') session.sendAudio(new Int16Array(480));
      else if (line.event['type'] === 'session.update') {
        updates += 1;
        await fake.waitForSent((m) => isUpdate(m) && updates === fake.sent().filter(isUpdate).length);
      }
      continue;
    }
    fake.push(line.event);
    if (line.event['type'] === 'session.updated') await connecting;
  }
}

describe('Azure OpenAI GA: the function-call trace through the session', () => {
  it('speaks GA, hands the call to the caller, and sends the output, then response.create after response.done', async () => {
    const trace = loadBidiTrace(AZURE_GA);
    const { fake, session, events } = setup(shapeDetectingDialect('ga'));
    session.subscribe((e) => {
      if (e.type === 'tool.call') session.sendToolResult(e.callId, 'Stored Marcelo.');
    });
    await replay(fake, session, trace);

    const update = fake.sent().find(isUpdate)!;
    expect((update['session'] as Record<string, unknown>)['type']).toBe('realtime');
    expect(update['session']).not.toHaveProperty('modalities');

    const call = events.find((e) => e.type === 'tool.call');
    expect(call).toMatchObject({ name: 'remember_name', callId: 'call_42LHxWvnwPP9TAch' });
    expect(JSON.parse((call as { arguments: string }).arguments)).toEqual({ name: 'Marcelo' });

    // the client's messages after setup, other than audio, are exactly the trace's
    const wanted = trace
      .filter(
        (l) => l.dir === 'c2s' && !['session.update', 'input_audio_buffer.append'].includes(l.event['type'] as string),
      )
      .map((l) => l.event);
    const ours = fake.sent().filter((m) => !isUpdate(m) && m['type'] !== 'input_audio_buffer.append');
    expect(ours).toEqual(wanted);

    // order: output item, then the first response.done, then response.create
    const t = fake.timeline;
    const output = t.findIndex((m) => m['type'] === 'conversation.item.create');
    const firstDone = t.findIndex((m) => m['<-'] === 'response.done');
    const create = t.findIndex((m) => m['type'] === 'response.create');
    expect(output).toBeGreaterThan(t.findIndex((m) => m['<-'] === 'response.function_call_arguments.done'));
    expect(output).toBeLessThan(firstDone);
    expect(create).toBeGreaterThan(firstDone);

    expect(events.find((e) => e.type === 'input.transcript.done')).toMatchObject({
      text: 'Hello, my name is Marcelo.',
    });
    const reply = events.filter((e) => e.type === 'response.text.done');
    expect(reply.at(-1)).toMatchObject({ text: "Hello Marcelo, it's great to meet you! How can I help you today?" });
    const samples = events.reduce((n, e) => n + (e.type === 'response.audio' ? e.pcm.length : 0), 0);
    const traceSamples = s2c(trace)
      .filter((e) => e['type'] === 'response.output_audio.delta')
      .reduce((n, e) => n + Buffer.from(e['delta'] as string, 'base64').length / 2, 0);
    expect(samples).toBe(traceSamples);
    expect(events.filter((e) => e.type === 'response.done').map((e) => (e as { status: string }).status)).toEqual([
      'completed',
      'completed',
    ]);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });
});

describe('Voice Live: the server-VAD trace through the session', () => {
  it('sends a beta update with an event id and maps beta events to transcripts and audio', async () => {
    const trace = loadBidiTrace(VOICE_LIVE);
    const { fake, session, events } = setup(voiceLiveDialect, 'azure-voicelive');
    await replay(fake, session, trace);
    const update = fake.sent().find(isUpdate)!;
    expect(update['event_id']).toMatch(/^evt_/);
    const body = update['session'] as Record<string, unknown>;
    expect(body['modalities']).toEqual(['text', 'audio']);
    for (const key of ['type', 'output_modalities', 'audio']) expect(body).not.toHaveProperty(key);
    expect(events.find((e) => e.type === 'input.transcript.done')).toMatchObject({
      text: 'Cześć, nazywam się Marcelo.',
    });
    expect(events.find((e) => e.type === 'response.text.done')).toMatchObject({
      text: 'Hi Marcelo, nice to meet you! How can I help you today?',
    });
    const deltas = s2c(trace).filter((e) => e['type'] === 'response.audio.delta').length;
    expect(events.filter((e) => e.type === 'response.audio')).toHaveLength(deltas);
    expect(events.at(-1)).toMatchObject({ type: 'response.done', status: 'completed' });
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });
});

describe('shape detection and fallback', () => {
  const trace = loadBidiTrace(AZURE_GA);
  const gaCreated = s2c(trace)[0]!;
  const betaCreated = s2c(loadBidiTrace(VOICE_LIVE))[0]!;
  const updated = { type: 'session.updated', session: {} };
  const refusal = (param: string) => ({
    type: 'error',
    error: {
      type: 'invalid_request_error',
      code: 'unknown_parameter',
      message: `Unknown parameter: '${param}'.`,
      param,
      event_id: null,
    },
  });

  it('session.created showing the beta shape replaces a GA guess; the refusal of the guess is expected', async () => {
    const { fake, session, log } = setup(shapeDetectingDialect('ga'));
    const connecting = session.connect();
    await fake.waitForSent(isUpdate);
    fake.push(betaCreated);
    await fake.waitForSent((m) => isUpdate(m) && fake.sent().filter(isUpdate).length === 2);
    const [guess, update] = fake.sent().filter(isUpdate);
    expect(guess!['session']).toHaveProperty('type', 'realtime');
    expect(update!['session']).toHaveProperty('modalities', ['text', 'audio']);
    for (const key of ['type', 'output_modalities', 'audio']) expect(update!['session']).not.toHaveProperty(key);
    fake.push(refusal('session.type'));
    fake.push(updated);
    await connecting;
    expect(fake.sent().filter(isUpdate)).toHaveLength(2);
    expect(log.lines.some((l) => l.startsWith('debug') && l.includes('shows the beta shape'))).toBe(true);
  });

  it('a session.created read before the first update picks its shape', async () => {
    const { fake, session } = setup(shapeDetectingDialect('ga'));
    fake.push(betaCreated);
    const connecting = session.connect();
    fake.push(updated);
    await connecting;
    expect(fake.sent().filter(isUpdate)).toHaveLength(1);
    expect(fake.sent()[0]!['session']).toHaveProperty('modalities');
  });

  it('session.created in the guessed shape sends nothing more', async () => {
    const { fake, session } = setup(shapeDetectingDialect('beta'));
    const connecting = session.connect();
    fake.push(betaCreated);
    fake.push(updated);
    await connecting;
    expect(fake.sent().filter(isUpdate)).toHaveLength(1);
  });

  it('a refused first update switches shape once, said at debug level', async () => {
    const { fake, session, log } = setup(shapeDetectingDialect('ga'));
    const connecting = session.connect();
    fake.push(gaCreated);
    await fake.waitForSent(isUpdate);
    fake.push(refusal('session.type'));
    await fake.waitForSent((m) => isUpdate(m) && fake.sent().filter(isUpdate).length === 2);
    const [first, second] = fake.sent().filter(isUpdate);
    expect(first!['session']).toHaveProperty('type', 'realtime');
    expect(second!['session']).toHaveProperty('modalities');
    expect(second!['session']).not.toHaveProperty('type');
    fake.push(updated);
    await connecting;
    expect(
      log.lines.some((l) => l.startsWith('debug') && l.includes('unknown_parameter') && l.includes('retrying once')),
    ).toBe(true);
  });

  it('a second refusal ends setup with a config error (exit 78)', async () => {
    const { fake, session } = setup(shapeDetectingDialect('beta'));
    const connecting = session.connect();
    const failed = connecting.catch((e: unknown) => e);
    fake.push(betaCreated);
    await fake.waitForSent(isUpdate);
    fake.push(refusal('session.modalities'));
    await fake.waitForSent((m) => isUpdate(m) && fake.sent().filter(isUpdate).length === 2);
    fake.push(refusal('session.type'));
    const error = await failed;
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).exitCode).toBe(ExitCode.config);
  });

  it('an unknown voice refused during setup: config error with the provider message (exit 78)', async () => {
    const { fake, session } = setup(voiceLiveDialect, 'azure-voicelive');
    const failed = session.connect().catch((e: unknown) => e);
    fake.push(betaCreated);
    await fake.waitForSent(isUpdate);
    fake.push({
      type: 'error',
      error: {
        type: 'invalid_request_error',
        code: null,
        message: "Voice 'en-US-NobodyNeural' is not supported.",
        param: null,
      },
    });
    const error = await failed;
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('en-US-NobodyNeural');
  });

  it('the guess goes out at once, before session.created', async () => {
    const { fake, session } = setup(shapeDetectingDialect('beta'));
    const connecting = session.connect();
    const update = await fake.waitForSent(isUpdate, 200);
    expect(update['session']).toHaveProperty('modalities');
    fake.push(updated);
    await connecting;
  });
});
